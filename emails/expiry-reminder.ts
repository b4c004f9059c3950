import type { Locale } from "@/db/schema";
import { type RenderedMail, simpleMail } from "./layout";

export type ExpiryReminderProps = {
  subject: "license" | "trial";
  organisationName: string;
  /** The product of a license, or the server of a trial. */
  name: string;
  serverName: string | null;
  /** ISO 8601. */
  endsAt: string;
  daysLeft: number;
  url: string;
};

export const expiryReminderPreview: ExpiryReminderProps = {
  subject: "license",
  organisationName: "Muster GmbH",
  name: "Mobile users",
  serverName: "UCServer Zentrale",
  endsAt: "2026-12-07T10:00:00.000Z",
  daysLeft: 14,
  url: "http://localhost:3000/licenses",
};

export function renderExpiryReminder(p: ExpiryReminderProps, locale: Locale): RenderedMail {
  const date = new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(new Date(p.endsAt));
  const days = p.daysLeft;
  const t =
    locale === "de"
      ? {
          subject:
            p.subject === "license"
              ? `Ihre Lizenz „${p.name}“ läuft in ${days} Tagen ab`
              : `Der Testbetrieb von „${p.name}“ endet in ${days} Tagen`,
          hello: "Guten Tag,",
          body:
            p.subject === "license"
              ? `die Lizenz „${p.name}“${p.serverName ? ` auf dem UCServer „${p.serverName}“` : ""} der Organisation „${p.organisationName}“ ist gültig bis ${date}.`
              : `der Testbetrieb des UCServers „${p.name}“ der Organisation „${p.organisationName}“ endet am ${date}.`,
          note:
            p.subject === "license"
              ? "Danach stehen die lizenzierten Dienste (z. B. Push-Benachrichtigungen, Audio/Video) nicht mehr zur Verfügung. Bitte verlängern Sie die Lizenz rechtzeitig."
              : "Danach stehen UCConnect und die Push-Benachrichtigungen nicht mehr zur Verfügung. Tragen Sie rechtzeitig Lizenzen im Portal ein, um den Server weiter zu nutzen.",
          settings: "Diese Erinnerungen können Sie in Ihrem Konto unter „Benachrichtigungen“ abbestellen.",
          action: "Lizenzen ansehen",
        }
      : {
          subject:
            p.subject === "license"
              ? `Your license “${p.name}” expires in ${days} days`
              : `The trial of “${p.name}” ends in ${days} days`,
          hello: "Hello,",
          body:
            p.subject === "license"
              ? `the license “${p.name}”${p.serverName ? ` on the UCServer “${p.serverName}”` : ""} of “${p.organisationName}” is valid until ${date}.`
              : `the trial of the UCServer “${p.name}” of “${p.organisationName}” ends on ${date}.`,
          note:
            p.subject === "license"
              ? "After that, the licensed services (such as push notifications and audio/video) stop. Please renew the license in time."
              : "After that, UCConnect and push notifications stop. Enter licenses in the portal in time to keep using the server.",
          settings: "You can turn these reminders off in your account under “Notifications”.",
          action: "View licenses",
        };
  return simpleMail({
    locale,
    subject: t.subject,
    paragraphs: [t.hello, t.body, t.note],
    textFootnote: t.settings,
    action: { label: t.action, url: p.url },
  });
}
