import type { Locale } from "@/db/schema";
import { type RenderedMail, simpleMail } from "./layout";

export type VerifyEmailProps = { name: string; url: string; expiresInHours: number };

export const verifyEmailPreview: VerifyEmailProps = {
  name: "Erika Mustermann",
  url: "http://localhost:3000/verify-email?token=preview",
  expiresInHours: 24,
};

/** The link that confirms a new account's e-mail address; the account signs in only after it. */
export function renderVerifyEmail(p: VerifyEmailProps, locale: Locale): RenderedMail {
  const t =
    locale === "de"
      ? {
          subject: "Bitte bestätigen Sie Ihre E-Mail-Adresse für das UCConnect-Portal",
          hello: `Guten Tag ${p.name},`,
          body: `vielen Dank für Ihre Registrierung im UCConnect-Portal. Bitte bestätigen Sie Ihre E-Mail-Adresse mit dem folgenden Link; danach sind Sie angemeldet. Der Link ist ${p.expiresInHours} Stunden gültig und kann nur einmal verwendet werden.`,
          ignore:
            "Wenn Sie sich nicht registriert haben, ignorieren Sie diese E-Mail. Das Konto wird ohne Bestätigung nach 7 Tagen gelöscht.",
          action: "E-Mail-Adresse bestätigen",
        }
      : {
          subject: "Please confirm your e-mail address for the UCConnect portal",
          hello: `Hello ${p.name},`,
          body: `thank you for signing up for the UCConnect portal. Please confirm your e-mail address with the link below; you are signed in afterwards. The link is valid for ${p.expiresInHours} hours and works once.`,
          ignore:
            "If you did not sign up, ignore this e-mail. Without confirmation the account is deleted after 7 days.",
          action: "Confirm e-mail address",
        };
  return simpleMail({
    locale,
    subject: t.subject,
    paragraphs: [t.hello, t.body, t.ignore],
    action: { label: t.action, url: p.url },
  });
}
