import type { Locale } from "@/db/schema";
import { type RenderedMail, simpleMail } from "./layout";

/** A bought license about to expire (trials have their own reminders: trial-reminder.ts). */
export type ExpiryReminderProps = {
  organisationName: string;
  /** The license's product. */
  name: string;
  serverName: string | null;
  /** ISO 8601. */
  endsAt: string;
  daysLeft: number;
  url: string;
};

export const expiryReminderPreview: ExpiryReminderProps = {
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
          subject: `Ihre Lizenz „${p.name}“ läuft in ${days} Tagen ab`,
          hello: "Guten Tag,",
          body: `die Lizenz „${p.name}“${p.serverName ? ` auf dem UCServer „${p.serverName}“` : ""} der Organisation „${p.organisationName}“ ist gültig bis ${date}.`,
          note: "Danach stehen die lizenzierten Dienste (z. B. Push-Benachrichtigungen, Audio/Video) nicht mehr zur Verfügung. Bitte verlängern Sie die Lizenz rechtzeitig.",
          settings: "Diese Erinnerungen können Sie in Ihrem Konto unter „Benachrichtigungen“ abbestellen.",
          action: "Lizenzen ansehen",
        }
      : {
          subject: `Your license “${p.name}” expires in ${days} days`,
          hello: "Hello,",
          body: `the license “${p.name}”${p.serverName ? ` on the UCServer “${p.serverName}”` : ""} of “${p.organisationName}” is valid until ${date}.`,
          note: "After that, the licensed services (such as push notifications and audio/video) stop. Please renew the license in time.",
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
