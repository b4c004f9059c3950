import type { Locale } from "@/db/schema";
import { type RenderedMail, simpleMail } from "./layout";

export type PasswordResetProps = { name: string; url: string; expiresInMinutes: number };

export const passwordResetPreview: PasswordResetProps = {
  name: "Erika Mustermann",
  url: "http://localhost:3000/reset-password?token=preview",
  expiresInMinutes: 60,
};

export function renderPasswordReset(p: PasswordResetProps, locale: Locale): RenderedMail {
  const t =
    locale === "de"
      ? {
          subject: "Passwort für das UCConnect-Portal zurücksetzen",
          hello: `Guten Tag ${p.name},`,
          body: `Sie haben angefordert, Ihr Passwort zurückzusetzen. Der Link ist ${p.expiresInMinutes} Minuten gültig und kann nur einmal verwendet werden. Danach werden alle Ihre Sitzungen abgemeldet.`,
          ignore: "Wenn Sie das nicht waren, ignorieren Sie diese E-Mail; Ihr Passwort bleibt unverändert.",
          action: "Neues Passwort festlegen",
        }
      : {
          subject: "Reset your UCConnect portal password",
          hello: `Hello ${p.name},`,
          body: `You asked to reset your password. The link is valid for ${p.expiresInMinutes} minutes and works once. All your sessions are signed out afterwards.`,
          ignore: "If this was not you, ignore this e-mail; your password stays as it is.",
          action: "Set a new password",
        };
  return simpleMail({
    locale,
    subject: t.subject,
    paragraphs: [t.hello, t.body, t.ignore],
    action: { label: t.action, url: p.url },
  });
}
