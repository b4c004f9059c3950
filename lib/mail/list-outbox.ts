import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { type Actor, requireStaff } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";

/** The newest mail of the outbox, for operators (and newcomers without a mail server). */
export async function listOutbox(db: Db, actor: Actor, limit = 100) {
  requireStaff(actor, "operator");
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

/** One outbox mail in full, links included, for operators. */
export async function getOutboxMail(db: Db, actor: Actor, id: string) {
  requireStaff(actor, "operator");
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  if (!mail) throw notFound();
  return mail;
}
