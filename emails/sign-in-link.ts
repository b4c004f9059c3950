import type { Locale } from "@/db/schema";
import { type RenderedMail, simpleMail } from "./layout";

export type SignInLinkProps = { name: string; url: string; expiresInMinutes: number };

export const signInLinkPreview: SignInLinkProps = {
  name: "Erika Mustermann",
  url: "http://localhost:3000/sign-in/link?token=preview",
  expiresInMinutes: 15,
};

export function renderSignInLink(p: SignInLinkProps, locale: Locale): RenderedMail {
  const t =
    locale === "de"
      ? {
          subject: "Ihr Anmeldelink für das UCConnect-Portal",
          hello: `Guten Tag ${p.name},`,
          body: `mit dem folgenden Link melden Sie sich im UCConnect-Portal an. Er ist ${p.expiresInMinutes} Minuten gültig und kann nur einmal verwendet werden.`,
          action: "Jetzt anmelden",
        }
      : {
          subject: "Your sign-in link for the UCConnect portal",
          hello: `Hello ${p.name},`,
          body: `use the link below to sign in to the UCConnect portal. It is valid for ${p.expiresInMinutes} minutes and works once.`,
          action: "Sign in now",
        };
  return simpleMail({
    locale,
    subject: t.subject,
    paragraphs: [t.hello, t.body],
    action: { label: t.action, url: p.url },
  });
}
