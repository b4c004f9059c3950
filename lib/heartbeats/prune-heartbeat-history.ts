import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sqlRows } from "@/db/sql";

const BATCH = 10_000;

/**
 * Deletes heartbeat history older than `retentionDays`, in bounded batches so no statement holds
 * locks long, at most `maxBatches` per call (a backlog is worked off over the next calls). The
 * servers' live fields and the status events are kept: uptime and the status history need them;
 * the per-heartbeat rows only feed the users chart, which shows 30 days at most. Only one process
 * prunes at a time (a transaction-level advisory lock); the others skip.
 */
export async function pruneHeartbeatHistory(
  db: Db,
  opts: { retentionDays: number; maxBatches?: number; now?: Date },
): Promise<{ deleted: number }> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - opts.retentionDays * 86_400_000).toISOString();
  let deleted = 0;
  for (let i = 0; i < (opts.maxBatches ?? 10); i++) {
    const n = await db.transaction(async (tx) => {
      const [lock] = await sqlRows<{ ok: boolean }>(
        tx,
        sql`select pg_try_advisory_xact_lock(hashtext('prune-heartbeat-history')) as ok`,
      );
      if (!lock?.ok) return 0;
      // Oldest first by id: the old rows sit at the start of the table, so the scan stops early.
      const rows = await sqlRows<{ n: number }>(
        tx,
        sql`with gone as (
              delete from server_heartbeats where id in (
                select id from server_heartbeats where received_at < ${cutoff}::timestamptz order by id limit ${BATCH})
              returning 1)
            select count(*)::int as n from gone`,
      );
      return rows[0]?.n ?? 0;
    });
    deleted += n;
    if (n < BATCH) break;
  }
  return { deleted };
}
