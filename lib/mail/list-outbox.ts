import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { SECRET_TEMPLATES, type TemplateName } from "@/emails";
import type { Actor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { notFound } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";
import { maskSecretLinks } from "./mask-secrets";

/** The newest mail of the outbox, for operators: who, what, its state and errors, never a body. */
export async function listOutbox(db: Db, actor: Actor, limit = 100) {
  requirePermission(actor, "outbox.view");
  return db
    .select({
      id: mailOutbox.id,
      template: mailOutbox.template,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      lastError: mailOutbox.lastError,
      createdAt: mailOutbox.createdAt,
      sentAt: mailOutbox.sentAt,
    })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.createdAt))
    .limit(limit);
}

/**
 * Whether the portal runs without a mail server (the embedded demo): then nobody can receive a mail
 * and an unsent one's links are shown to the operator, the one person who can follow them.
 */
export function outboxRevealsUnsentLinks(): boolean {
  return !env().SMTP_URL;
}

/**
 * One outbox mail for operators. One-time links are masked: an operator can see that a mail exists,
 * to whom, its state and errors, but never use a secret meant for someone else. Only while the portal
 * runs without a mail server are an unsent mail's links shown (`linksShown`). A mail whose body was
 * erased after sending (`erased`) has its metadata only.
 */
export async function getOutboxMail(db: Db, actor: Actor, id: string) {
  requirePermission(actor, "outbox.view");
  if (!isUuid(id)) throw notFound();
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  if (!mail) throw notFound();
  const carriesSecret = SECRET_TEMPLATES.includes(mail.template as TemplateName);
  const unsent = mail.status === "queued" || mail.status === "sending";
  const linksShown = carriesSecret && unsent && outboxRevealsUnsentLinks();
  const show = (body: string) => (linksShown ? body : maskSecretLinks(body));
  return {
    ...mail,
    html: show(mail.html),
    text: show(mail.text),
    carriesSecret,
    linksShown,
    erased: mail.bodyErasedAt !== null,
  };
}
