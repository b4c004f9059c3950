/**
 * `npm run email:preview`: renders every e-mail template with its preview props in German and
 * English into .data/email-preview/ (HTML and text), with an index page to open in a browser.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { renderTemplate, type TemplateName, type TemplateProps, templates } from "@/emails";
import { escapeHtml } from "@/emails/layout";

const out = path.resolve(".data", "email-preview");
mkdirSync(out, { recursive: true });
const links: string[] = [];
for (const name of Object.keys(templates) as TemplateName[]) {
  for (const locale of ["de", "en"] as const) {
    const mail = renderTemplate(name, templates[name].preview as TemplateProps[typeof name], locale);
    const base = `${name}.${locale}`;
    writeFileSync(path.join(out, `${base}.html`), mail.html);
    writeFileSync(path.join(out, `${base}.txt`), `Subject: ${mail.subject}\n\n${mail.text}`);
    links.push(
      `<li><a href="${base}.html">${escapeHtml(base)}</a> – ${escapeHtml(mail.subject)} (<a href="${base}.txt">text</a>)</li>`,
    );
  }
}
writeFileSync(
  path.join(out, "index.html"),
  `<!doctype html><meta charset="utf-8"><title>E-mails</title><ul>${links.join("")}</ul>`,
);
console.log(`${links.length} previews in ${out}/index.html`);
