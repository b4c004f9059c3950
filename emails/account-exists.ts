import type { Locale } from "@/db/schema";
import { type RenderedMail, simpleMail } from "./layout";

export type AccountExistsProps = { name: string; signInUrl: string; resetUrl: string };

export const accountExistsPreview: AccountExistsProps = {
  name: "Erika Mustermann",
  signInUrl: "http://localhost:3000/sign-in",
  resetUrl: "http://localhost:3000/forgot-password",
};

/**
 * Someone signed up with an address that already has an account. The sign-up page answered as it
 * does for a new address (nobody learns who has an account); only the address's owner learns it
 * here. Plain links, no token: the mail gives nothing to whoever typed the address.
 */
export function renderAccountExists(p: AccountExistsProps, locale: Locale): RenderedMail {
  const t =
    locale === "de"
      ? {
          subject: "Sie haben bereits ein Konto im UCConnect-Portal",
          hello: `Guten Tag ${p.name},`,
          body: "jemand (vermutlich Sie) wollte sich mit dieser E-Mail-Adresse im UCConnect-Portal registrieren. Für diese Adresse besteht bereits ein Konto; es wurde kein zweites angelegt.",
          reset: `Passwort vergessen? Hier legen Sie ein neues fest: ${p.resetUrl}`,
          ignore:
            "Wenn Sie das nicht waren, ignorieren Sie diese E-Mail; an Ihrem Konto hat sich nichts geändert.",
          action: "Anmelden",
        }
      : {
          subject: "You already have an account in the UCConnect portal",
          hello: `Hello ${p.name},`,
          body: "someone (probably you) tried to sign up for the UCConnect portal with this e-mail address. This address already has an account; no second one was created.",
          reset: `Forgot your password? Set a new one here: ${p.resetUrl}`,
          ignore: "If this was not you, ignore this e-mail; nothing about your account has changed.",
          action: "Sign in",
        };
  return simpleMail({
    locale,
    subject: t.subject,
    paragraphs: [t.hello, t.body, t.reset, t.ignore],
    action: { label: t.action, url: p.signInUrl },
  });
}
