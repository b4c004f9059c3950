import { createTranslator } from "next-intl";
import type { Locale } from "@/db/schema";
import { type CheckTexts, checkTexts, type RootTranslator } from "@/lib/connectivity/check-texts";
import type { CheckId, CheckResult } from "@/lib/connectivity/types";
import { loadMessages } from "@/lib/i18n/load-messages";
import { escapeHtml, layout, type RenderedMail } from "./layout";

export type ConnectivityAlertProps = {
  organisationName: string;
  serverName: string;
  serverId: string;
  /** `problem`: checks turned red or amber; `resolved`: all are green again after such a mail. */
  kind: "problem" | "resolved";
  /** What turned red or amber in this run (empty for `resolved`). */
  changes: { check: CheckId; state: "red" | "amber"; reason: string; seen: CheckResult["seen"] }[];
  url: string;
};

export const connectivityAlertPreview: ConnectivityAlertProps = {
  organisationName: "Muster GmbH",
  serverName: "UCServer Zentrale",
  serverId: "ABCD-EFGH-JKMN",
  kind: "problem",
  changes: [
    {
      check: "tls",
      state: "amber",
      reason: "cert-expiring",
      seen: { host: "ucserver.muster.de", daysLeft: 9, validTo: "2026-12-11T10:00:00.000Z" },
    },
    { check: "dns-srv", state: "red", reason: "srv-missing", seen: { name: "_ctiwebserver._tcp.muster.de" } },
  ],
  url: "http://localhost:3000/servers",
};

const texts = {
  de: (p: ConnectivityAlertProps, red: boolean) => ({
    subject:
      p.kind === "resolved"
        ? `UCServer „${p.serverName}“: alle Erreichbarkeitsprüfungen wieder grün`
        : red
          ? `UCServer „${p.serverName}“: von außen nicht mehr richtig erreichbar`
          : `UCServer „${p.serverName}“: Erreichbarkeit bitte prüfen`,
    hello: "Guten Tag,",
    body:
      p.kind === "resolved"
        ? `alle Prüfungen der Erreichbarkeit des UCServers „${p.serverName}“ (Server-ID ${p.serverId}) der Organisation „${p.organisationName}“ sind wieder grün. Sie müssen nichts weiter tun.`
        : `bei der Prüfung der Erreichbarkeit des UCServers „${p.serverName}“ (Server-ID ${p.serverId}) der Organisation „${p.organisationName}“ hat sich Folgendes geändert:`,
    state: { red: "Rot", amber: "Gelb" },
    seen: "Gesehen",
    fix: "So beheben Sie es",
    note: "Wir schreiben Ihnen wieder, wenn sich etwas ändert, und sobald alle Prüfungen grün sind.",
    settings: "Diese Benachrichtigungen können Sie in Ihrem Konto unter „Benachrichtigungen“ abbestellen.",
    action: "Erreichbarkeit ansehen",
  }),
  en: (p: ConnectivityAlertProps, red: boolean) => ({
    subject:
      p.kind === "resolved"
        ? `UCServer “${p.serverName}”: all connectivity checks green again`
        : red
          ? `UCServer “${p.serverName}”: no longer reachable as it should be`
          : `UCServer “${p.serverName}”: connectivity needs attention`,
    hello: "Hello,",
    body:
      p.kind === "resolved"
        ? `all connectivity checks of the UCServer “${p.serverName}” (Server ID ${p.serverId}) of “${p.organisationName}” are green again. There is nothing else you need to do.`
        : `the connectivity checks of the UCServer “${p.serverName}” (Server ID ${p.serverId}) of “${p.organisationName}” found this change:`,
    state: { red: "Red", amber: "Amber" },
    seen: "Seen",
    fix: "How to fix it",
    note: "We will write again when something changes, and once all checks are green.",
    settings: "You can turn these notifications off in your account under “Notifications”.",
    action: "View connectivity",
  }),
} satisfies Record<Locale, (p: ConnectivityAlertProps, red: boolean) => unknown>;

const p16 = 'style="margin:0 0 16px"';
const dot = { red: "#dc2626", amber: "#d97706" } as const;

/**
 * Checks of a server turned red or amber, or all are green again. Each change with the same words
 * the page uses (lib/connectivity/check-texts.ts), in the recipient's language. What a check saw
 * (names, addresses, dates a stranger's server answered with) is text: escaped in the HTML part.
 */
export function renderConnectivityAlert(p: ConnectivityAlertProps, locale: Locale): RenderedMail {
  const t = texts[locale](
    p,
    p.changes.some((c) => c.state === "red"),
  );
  const translate = createTranslator({
    locale,
    messages: loadMessages(locale),
    // A missing text falls back to the code (checkTexts asks `has` first); never a thrown error in a mail.
    onError: () => {},
  }) as unknown as RootTranslator;
  // In UTC, as the status mails: the worker does not know where the owner sits.
  const date = (d: Date) =>
    `${new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(d)} UTC`;
  const items = p.changes.map((c) => ({ change: c, words: checkTexts(translate, c, date) }));
  const seenLine = (w: CheckTexts) => w.seen.map((s) => `${s.label}: ${s.value}`).join(", ");
  const itemHtml = items.map(({ change, words }) => {
    const seen = words.seen.length
      ? `<br><span style="color:#475569">${escapeHtml(t.seen)}: ${escapeHtml(seenLine(words))}</span>`
      : "";
    const fix = words.fix ? `<br><strong>${escapeHtml(t.fix)}:</strong> ${escapeHtml(words.fix)}` : "";
    return `<li style="margin:0 0 12px"><span style="color:${dot[change.state]};font-weight:700">● ${escapeHtml(t.state[change.state])}</span> <strong>${escapeHtml(words.title)}</strong><br>${escapeHtml(words.reason)}${seen}${fix}</li>`;
  });
  const itemText = items.map(({ change, words }) =>
    [
      `- ${t.state[change.state]}: ${words.title}`,
      `  ${words.reason}`,
      words.seen.length ? `  ${t.seen}: ${seenLine(words)}` : null,
      words.fix ? `  ${t.fix}: ${words.fix}` : null,
    ]
      .filter(Boolean)
      .join("\n"),
  );
  const list = items.length ? `<ul style="margin:0 0 16px;padding-left:18px">${itemHtml.join("")}</ul>` : "";
  const closing = p.kind === "problem" ? [t.note] : [];
  return layout({
    locale,
    subject: t.subject,
    preheader: items[0]?.words.reason ?? t.body,
    bodyHtml: [
      `<p ${p16}>${escapeHtml(t.hello)}</p>`,
      `<p ${p16}>${escapeHtml(t.body)}</p>`,
      list,
      ...closing.map((c) => `<p ${p16}>${escapeHtml(c)}</p>`),
    ].join(""),
    bodyText: [t.hello, t.body, ...itemText, ...closing, t.settings].join("\n\n"),
    action: { label: t.action, url: p.url },
  });
}
