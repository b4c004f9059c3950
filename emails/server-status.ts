import type { Locale } from "@/db/schema";
import { type RenderedMail, simpleMail } from "./layout";

export type ServerStatusProps = {
  organisationName: string;
  serverName: string;
  serverId: string;
  status: "offline" | "online";
  /** ISO 8601, when the change happened. */
  at: string;
  url: string;
};

export const serverStatusPreview: ServerStatusProps = {
  organisationName: "Muster GmbH",
  serverName: "UCServer Zentrale",
  serverId: "ABCD-EFGH-JKMN",
  status: "offline",
  at: "2026-11-23T10:00:00.000Z",
  url: "http://localhost:3000/servers",
};

function when(iso: string, locale: Locale): string {
  // Always UTC: the worker has no idea where the owner sits, and a wrong local time is worse.
  return `${new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(new Date(iso))} UTC`;
}

export function renderServerStatus(p: ServerStatusProps, locale: Locale): RenderedMail {
  const at = when(p.at, locale);
  const offline = p.status === "offline";
  const t =
    locale === "de"
      ? {
          subject: offline
            ? `UCServer „${p.serverName}“ ist offline`
            : `UCServer „${p.serverName}“ ist wieder online`,
          hello: "Guten Tag,",
          body: offline
            ? `der UCServer „${p.serverName}“ (Server-ID ${p.serverId}) der Organisation „${p.organisationName}“ sendet seit ${at} keine Heartbeats mehr. Push-Benachrichtigungen und UCConnect sind für seine Benutzer möglicherweise nicht verfügbar.`
            : `der UCServer „${p.serverName}“ (Server-ID ${p.serverId}) der Organisation „${p.organisationName}“ ist seit ${at} wieder verbunden.`,
          note: offline
            ? "Bitte prüfen Sie, ob der UCServer läuft und das Internet über HTTPS (443) erreicht. Sobald er wieder online ist, benachrichtigen wir Sie erneut."
            : "Sie müssen nichts weiter tun.",
          settings:
            "Diese Benachrichtigungen können Sie in Ihrem Konto unter „Benachrichtigungen“ abbestellen.",
          action: "Server ansehen",
        }
      : {
          subject: offline
            ? `UCServer “${p.serverName}” is offline`
            : `UCServer “${p.serverName}” is back online`,
          hello: "Hello,",
          body: offline
            ? `the UCServer “${p.serverName}” (Server ID ${p.serverId}) of “${p.organisationName}” has not sent a heartbeat since ${at}. Push notifications and UCConnect may be unavailable for its users.`
            : `the UCServer “${p.serverName}” (Server ID ${p.serverId}) of “${p.organisationName}” has been connected again since ${at}.`,
          note: offline
            ? "Please check that the UCServer is running and reaches the internet over HTTPS (443). We will tell you when it is back online."
            : "There is nothing else you need to do.",
          settings: "You can turn these notifications off in your account under “Notifications”.",
          action: "View server",
        };
  return simpleMail({
    locale,
    subject: t.subject,
    paragraphs: [t.hello, t.body, t.note],
    textFootnote: t.settings,
    action: { label: t.action, url: p.url },
  });
}
