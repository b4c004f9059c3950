import type { Locale, TermsKind } from "@/db/schema";
import { escapeHtml, layout, type RenderedMail } from "./layout";

export type TermsPublishedProps = {
  kind: TermsKind;
  /** The document's title in the recipient's language. */
  title: string;
  version: string;
  documentUrl: string;
  /** Where owners accept it: the portal's terms page. */
  url: string;
};

export const termsPublishedPreview: TermsPublishedProps = {
  kind: "privacy-policy",
  title: "Datenschutzerklärung",
  version: "2026-12",
  documentUrl: "http://localhost:3000/legal/privacy-policy/2026-12",
  url: "http://localhost:3000/terms",
};

export function renderTermsPublished(p: TermsPublishedProps, locale: Locale): RenderedMail {
  const t =
    locale === "de"
      ? {
          subject: `Neue Version: ${p.title} (${p.version})`,
          hello: "Guten Tag,",
          body: `wir haben eine neue Version des Dokuments „${p.title}“ veröffentlicht (Version ${p.version}). Bis Sie oder ein Administrator Ihrer Organisation sie akzeptiert haben, sind Push-Benachrichtigungen und die Audio/Video-Vermittlung (TURN) für Ihre UCServer ausgeschaltet.`,
          read: `Dokument lesen: ${p.documentUrl}`,
          action: "Im Portal akzeptieren",
        }
      : {
          subject: `New version: ${p.title} (${p.version})`,
          hello: "Hello,",
          body: `we have published a new version of “${p.title}” (version ${p.version}). Until you or an admin of your organisation accepts it, push notifications and audio/video relaying (TURN) are off for your UCServers.`,
          read: `Read the document: ${p.documentUrl}`,
          action: "Accept in the portal",
        };
  return layout({
    locale,
    subject: t.subject,
    preheader: t.body,
    bodyHtml: `<p style="margin:0 0 16px">${escapeHtml(t.hello)}</p><p style="margin:0 0 16px">${escapeHtml(t.body)}</p><p style="margin:0 0 16px"><a href="${escapeHtml(p.documentUrl)}" style="color:#1d4ed8">${escapeHtml(p.title)} ${escapeHtml(p.version)}</a></p>`,
    bodyText: `${t.hello}\n\n${t.body}\n\n${t.read}`,
    action: { label: t.action, url: p.url },
  });
}
