import { and, eq, inArray, lte, or, sql } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import type { Db } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { SECRET_TEMPLATES } from "@/emails";
import { env } from "@/lib/env";
import { classifySmtpError, isPermanentSmtpError } from "./transport";

const MAX_ATTEMPTS = 10;
const erasable = sql.raw(
  `m.template in (${SECRET_TEMPLATES.map((t) => `'${t.replace(/'/g, "''")}'`).join(", ")})`,
);
// A row claimed by a process that then died is picked up again after this long.
const CLAIM_SECONDS = 300;

/** 15 s, 30 s, 1 min, … up to an hour between attempts (the base is configurable for tests). */
export function backoffSeconds(attempt: number): number {
  return Math.min(3600, env().MAIL_RETRY_BASE_SECONDS * 2 ** (attempt - 1));
}

/**
 * Sends due mail from the outbox. Rows are claimed with SKIP LOCKED, so any number of portal
 * processes can run this at once and each mail is handed to SMTP by one of them.
 */
export async function deliverOutbox(db: Db, transport: Transporter, batch = 100): Promise<number> {
  const due = db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(inArray(mailOutbox.status, ["queued", "sending"]), lte(mailOutbox.nextAttemptAt, sql`now()`)))
    .orderBy(mailOutbox.nextAttemptAt)
    .limit(batch)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(mailOutbox)
    .set({
      status: "sending",
      attempts: sql`${mailOutbox.attempts} + 1`,
      nextAttemptAt: sql`now() + make_interval(secs => ${CLAIM_SECONDS})`,
    })
    .where(inArray(mailOutbox.id, due))
    .returning();

  const sent: { id: string; messageId: string }[] = [];
  await Promise.all(
    claimed.map(async (mail) => {
      try {
        const info = await transport.sendMail({
          from: env().MAIL_FROM,
          to: mail.toName ? { name: mail.toName, address: mail.toAddress } : mail.toAddress,
          subject: mail.subject,
          html: mail.html,
          text: mail.text,
          headers: { "X-Outbox-Id": mail.id },
        });
        sent.push({ id: mail.id, messageId: String(info.messageId ?? "") });
      } catch (error) {
        const reason = error instanceof Error ? error.message.slice(0, 500) : String(error);
        const final = isPermanentSmtpError(error) || mail.attempts >= MAX_ATTEMPTS;
        // A mail that will never go out has no recipient for its one-time link either.
        const erase = final && (SECRET_TEMPLATES as readonly string[]).includes(mail.template);
        await db
          .update(mailOutbox)
          .set({
            ...(erase ? { html: "", text: "", bodyErasedAt: sql`now()` } : {}),
            status: final ? "failed" : "queued",
            lastError: reason,
            failure: classifySmtpError(error),
            nextAttemptAt: final
              ? sql`now()`
              : sql`now() + make_interval(secs => ${backoffSeconds(mail.attempts)})`,
          })
          .where(eq(mailOutbox.id, mail.id));
      }
    }),
  );
  // One statement marks the whole round sent (a round is seconds long at most, so a crash inside it
  // resends at most that round, never loses a mail). A sent mail that carried a one-time link keeps
  // its metadata only: nobody but its recipient was ever to read the link.
  if (sent.length > 0) {
    await db.execute(sql`
      update ${mailOutbox} as m
      set status = 'sent', sent_at = now(), last_error = null, failure = null,
          message_id = nullif(v."messageId", ''),
          html = case when ${erasable} then '' else m.html end,
          text = case when ${erasable} then '' else m.text end,
          body_erased_at = case when ${erasable} then now() end
      from json_to_recordset(${JSON.stringify(sent)}::json) as v(id uuid, "messageId" text)
      where m.id = v.id`);
  }
  return claimed.length;
}

/** Due mail, so a caller can tell whether another round is worth it. */
export async function countDueMail(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .where(
      and(
        or(eq(mailOutbox.status, "queued"), eq(mailOutbox.status, "sending")),
        lte(mailOutbox.nextAttemptAt, sql`now()`),
      ),
    );
  return row?.n ?? 0;
}
