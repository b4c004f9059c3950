import type { Locale } from "@/db/schema";
import { escapeHtml, layout, paragraphs, type RenderedMail } from "./layout";
import { qrTable } from "./qr-table";

export type AppInvitationProps = {
  recipientName: string | null;
  loginName: string | null;
  serverId: string;
  organisationName: string;
  senderName: string;
  senderEmail: string;
  message: string | null;
  iosUrl: string;
  androidUrl: string;
};

export const appInvitationPreview: AppInvitationProps = {
  recipientName: "Erika Mustermann",
  loginName: "e.mustermann",
  serverId: "K7QM-2X9D-HT4W",
  organisationName: "Muster GmbH",
  senderName: "Max Mustermann",
  senderEmail: "admin@muster.example",
  message: "Ab Montag nutzen wir ProCall auch unterwegs.\nBei Fragen melden Sie sich gern bei mir.",
  iosUrl: "https://apps.apple.com/de/search?term=ProCall%20Mobile",
  androidUrl: "https://play.google.com/store/search?q=ProCall%20Mobile&c=apps",
};

const texts = {
  de: (p: AppInvitationProps) => ({
    subject: `Ihre Einladung zu ProCall Mobile – ${p.organisationName}`,
    hello: p.recipientName ? `Guten Tag ${p.recipientName},` : "Guten Tag,",
    intro: `${p.senderName} lädt Sie ein, ProCall Mobile auf Ihrem Smartphone zu nutzen: Präsenz, Chat, Telefonie sowie Audio und Video mit Ihren Kolleginnen und Kollegen von ${p.organisationName}, auch unterwegs.`,
    personal: `Persönliche Nachricht von ${p.senderName}:`,
    step1: "1. Laden Sie die App ProCall Mobile herunter:",
    ios: "für iPhone im App Store",
    android: "für Android bei Google Play",
    step2: "2. Öffnen Sie die App und melden Sie sich an:",
    user: p.loginName
      ? `Benutzername: ${p.loginName} (Passwort wie bei ProCall)`
      : "Benutzername und Passwort: wie bei ProCall",
    ucconnect: "„UCConnect verwenden“: einschalten",
    server: `Server-ID: ${p.serverId}`,
    qr: "Oder scannen Sie in der App diesen Code der Server-ID:",
    help: `Fragen? Wenden Sie sich an ${p.senderName} (${p.senderEmail}).`,
  }),
  en: (p: AppInvitationProps) => ({
    subject: `Your invitation to ProCall Mobile – ${p.organisationName}`,
    hello: p.recipientName ? `Hello ${p.recipientName},` : "Hello,",
    intro: `${p.senderName} invites you to use ProCall Mobile on your smartphone: presence, chat, calls and audio/video with your colleagues at ${p.organisationName}, wherever you are.`,
    personal: `A personal message from ${p.senderName}:`,
    step1: "1. Download the ProCall Mobile app:",
    ios: "for iPhone on the App Store",
    android: "for Android on Google Play",
    step2: "2. Open the app and sign in:",
    user: p.loginName
      ? `User name: ${p.loginName} (password as for ProCall)`
      : "User name and password: as for ProCall",
    ucconnect: "“Use UCConnect”: on",
    server: `Server ID: ${p.serverId}`,
    qr: "Or scan this code of the Server ID in the app:",
    help: `Questions? Ask ${p.senderName} (${p.senderEmail}).`,
  }),
} satisfies Record<Locale, (p: AppInvitationProps) => Record<string, string>>;

const p16 = 'style="margin:0 0 16px"';
const link = (url: string, label: string) =>
  `<a href="${escapeHtml(url)}" style="color:#1d4ed8;font-weight:600">${escapeHtml(label)}</a>`;

/** The e-mail that brings a user to ProCall Mobile: links, setup data and the Server-ID as QR code. */
export function renderAppInvitation(p: AppInvitationProps, locale: Locale): RenderedMail {
  const t = texts[locale](p);
  const message = p.message?.trim()
    ? `<p ${p16}><strong>${escapeHtml(t.personal)}</strong></p><div style="margin:0 0 16px;padding:12px 16px;border-left:3px solid #93c5fd;background:#f8fafc">${paragraphs(p.message)}</div>`
    : "";
  const setup = `<ul style="margin:0 0 16px;padding-left:20px"><li>${escapeHtml(t.user)}</li><li>${escapeHtml(t.ucconnect)}</li><li><strong>${escapeHtml(t.server)}</strong></li></ul>`;
  const bodyHtml = [
    `<p ${p16}>${escapeHtml(t.hello)}</p>`,
    `<p ${p16}>${escapeHtml(t.intro)}</p>`,
    message,
    `<p style="margin:0 0 8px"><strong>${escapeHtml(t.step1)}</strong></p>`,
    `<ul style="margin:0 0 16px;padding-left:20px"><li>${link(p.iosUrl, t.ios)}</li><li>${link(p.androidUrl, t.android)}</li></ul>`,
    `<p style="margin:0 0 8px"><strong>${escapeHtml(t.step2)}</strong></p>`,
    setup,
    `<p style="margin:0 0 8px">${escapeHtml(t.qr)}</p>`,
    `<div style="margin:0 0 16px">${qrTable(p.serverId)}</div>`,
    `<p ${p16}>${escapeHtml(t.help)}</p>`,
  ].join("");
  const bodyText = [
    t.hello,
    t.intro,
    p.message?.trim() ? `${t.personal}\n${p.message.trim()}` : null,
    `${t.step1}\n- ${t.ios}: ${p.iosUrl}\n- ${t.android}: ${p.androidUrl}`,
    `${t.step2}\n- ${t.user}\n- ${t.ucconnect}\n- ${t.server}`,
    t.help,
  ]
    .filter(Boolean)
    .join("\n\n");
  return layout({ locale, subject: t.subject, preheader: t.intro, bodyHtml, bodyText });
}
