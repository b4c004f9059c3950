import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";
import { enqueueJobs } from "@/lib/jobs/enqueue";

/**
 * Gives a delivery job to every queued outbox mail that has none waiting or running: mail written
 * before the job queue existed, or whose job the queue dropped after its retention (a portal that
 * ran for weeks without a mail server). Mails touched in the last ten minutes are left alone, their
 * job may be just about to start. Returns how many got a new job.
 */
export async function reconcileOutbox(db: DbOrTx): Promise<number> {
  const rows = await sqlRows<{ id: string }>(
    db,
    sql`select m.id from mail_outbox m
         where m.status in ('queued', 'sending') and m.next_attempt_at < now() - interval '10 minutes'
           and not exists (select 1 from pgboss.job j
                            where j.name = 'mail.deliver' and j.state < 'completed'
                              and j.data->>'outboxId' = m.id::text)
         limit 10000`,
  );
  await enqueueJobs(
    db,
    "mail.deliver",
    rows.map((r) => ({ outboxId: r.id })),
  );
  return rows.length;
}
