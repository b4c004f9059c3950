import { inArray, sql } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import type { DbOrTx } from "@/db/client";
import { mailOutbox } from "@/db/schema";
import { SECRET_TEMPLATES } from "@/emails";
import { env } from "@/lib/env";
import type { Job, JobHandler } from "@/lib/jobs/runner";
import { classifySmtpError, isPermanentSmtpError } from "./transport";

const erasable = sql.raw(
  `m.template in (${SECRET_TEMPLATES.map((t) => `'${t.replace(/'/g, "''")}'`).join(", ")})`,
);

type Delivery = { jobId: string; outboxId: string; lastAttempt: boolean };

/**
 * Sends the outbox mails of a batch of "mail.deliver" jobs (one mail each) through `transport`, all
 * at once over its pooled connections. A sent mail is marked sent; one that carried a one-time link
 * keeps its metadata only (nobody but its recipient was ever to read the link). A permanent refusal
 * (5xx), or a temporary one on the last attempt, marks it failed; any other failure leaves it queued
 * and its job is returned for the queue to retry with backoff. A mail that is not queued (sent by an
 * earlier attempt whose job was retried, say) is left alone.
 */
export async function deliverOutboxMails(
  db: DbOrTx,
  transport: Transporter,
  deliveries: Delivery[],
): Promise<{ retry: string[] }> {
  if (deliveries.length === 0) return { retry: [] };
  const byOutbox = new Map(deliveries.map((d) => [d.outboxId, d]));
  const claimed = await db
    .update(mailOutbox)
    .set({ status: "sending", attempts: sql`${mailOutbox.attempts} + 1` })
    .where(
      sql`${inArray(mailOutbox.id, [...byOutbox.keys()])} and ${mailOutbox.status} in ('queued', 'sending')`,
    )
    .returning();

  const sent: { id: string; messageId: string }[] = [];
  const failed: { id: string; final: boolean; error: unknown }[] = [];
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
        const final = isPermanentSmtpError(error) || byOutbox.get(mail.id)!.lastAttempt;
        failed.push({ id: mail.id, final, error });
      }
    }),
  );
  // One statement marks the batch sent (a crash before it resends at most this batch, never loses it).
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
  if (failed.length > 0) {
    const rows = failed.map((f) => ({
      id: f.id,
      final: f.final,
      error: f.error instanceof Error ? f.error.message.slice(0, 500) : String(f.error).slice(0, 500),
      failure: classifySmtpError(f.error),
    }));
    // A mail that will never go out has no recipient for its one-time link either.
    await db.execute(sql`
      update ${mailOutbox} as m
      set status = case when v.final then 'failed'::mail_status else 'queued'::mail_status end,
          last_error = v.error, failure = v.failure::mail_failure, next_attempt_at = now(),
          html = case when v.final and ${erasable} then '' else m.html end,
          text = case when v.final and ${erasable} then '' else m.text end,
          body_erased_at = case when v.final and ${erasable} then now() else m.body_erased_at end
      from json_to_recordset(${JSON.stringify(rows)}::json) as v(id uuid, final boolean, error text, failure text)
      where m.id = v.id`);
  }
  return { retry: failed.filter((f) => !f.final).map((f) => byOutbox.get(f.id)!.jobId) };
}

/**
 * The "mail.deliver" queue's handler: batches of up to 50 mails, two at a time, so the SMTP pool's
 * connections stay busy while a finished batch is marked and the next one fetched.
 */
export function mailDeliveryHandler(db: DbOrTx, transport: Transporter): JobHandler {
  return {
    batchSize: 50,
    workers: 2,
    run: (jobs: Job[]) =>
      deliverOutboxMails(
        db,
        transport,
        jobs.map((j) => ({
          jobId: j.id,
          outboxId: String(j.data.outboxId),
          lastAttempt: j.retryCount >= j.retryLimit,
        })),
      ),
  };
}
