import type { Locale } from "@/db/schema";

export type RenderedMail = { subject: string; html: string; text: string };

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Plain text paragraphs to HTML: escaped, blank lines split paragraphs, single newlines become <br>. */
export function paragraphs(textValue: string): string {
  return textValue
    .split(/\n{2,}/)
    .map((p) => `<p style="margin:0 0 16px">${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

const footer: Record<Locale, string> = {
  de: "Diese E-Mail wurde vom UCConnect-Portal versendet. Wenn Sie sie nicht erwartet haben, können Sie sie ignorieren.",
  en: "This e-mail was sent by the UCConnect portal. If you did not expect it, you can ignore it.",
};

type Layout = {
  locale: Locale;
  subject: string;
  /** The line mail clients show beside the subject. */
  preheader: string;
  /** Already-escaped HTML body blocks. */
  bodyHtml: string;
  /** The same content as plain text. */
  bodyText: string;
  action?: { label: string; url: string };
};

/**
 * One table-based layout with inline styles: what Outlook, Gmail and Apple Mail all render alike.
 * Every value reaching it is escaped by the caller or here.
 */
export function layout(l: Layout): RenderedMail {
  const button = l.action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 24px"><tr><td style="border-radius:6px;background:#1d4ed8"><a href="${escapeHtml(l.action.url)}" style="display:inline-block;padding:12px 22px;color:#ffffff;font-weight:600;text-decoration:none;border-radius:6px">${escapeHtml(l.action.label)}</a></td></tr></table><p style="margin:0 0 16px;font-size:13px;color:#475569;word-break:break-all">${escapeHtml(l.action.url)}</p>`
    : "";
  const html = `<!doctype html>
<html lang="${l.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(l.subject)}</title></head>
<body style="margin:0;padding:0;background:#f1f5f9;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#0f172a">
<span style="display:none;max-height:0;overflow:hidden">${escapeHtml(l.preheader)}</span>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f5f9;padding:24px 0"><tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:10px;border:1px solid #e2e8f0">
<tr><td style="padding:20px 32px;border-bottom:1px solid #e2e8f0;font-weight:700;font-size:18px;color:#1d4ed8">UCConnect</td></tr>
<tr><td style="padding:28px 32px;font-size:15px;line-height:1.55">${l.bodyHtml}${button}</td></tr>
<tr><td style="padding:16px 32px;border-top:1px solid #e2e8f0;font-size:12px;color:#64748b">${escapeHtml(footer[l.locale])}</td></tr>
</table></td></tr></table></body></html>`;
  const actionText = l.action ? `\n${l.action.label}:\n${l.action.url}\n` : "";
  const text = `${l.bodyText.trim()}\n${actionText}\n--\n${footer[l.locale]}\n`;
  return { subject: l.subject, html, text };
}

/**
 * The common mail: a few plain paragraphs (the first doubles as the preheader's source unless given),
 * an optional button, and an optional closing line in the plain text only.
 */
export function simpleMail(m: {
  locale: Locale;
  subject: string;
  paragraphs: string[];
  preheader?: string;
  action?: { label: string; url: string };
  textFootnote?: string;
}): RenderedMail {
  return layout({
    locale: m.locale,
    subject: m.subject,
    preheader: m.preheader ?? m.paragraphs[1] ?? m.paragraphs[0] ?? m.subject,
    bodyHtml: m.paragraphs.map((s) => `<p style="margin:0 0 16px">${escapeHtml(s)}</p>`).join(""),
    bodyText: [...m.paragraphs, ...(m.textFootnote ? [m.textFootnote] : [])].join("\n\n"),
    action: m.action,
  });
}
