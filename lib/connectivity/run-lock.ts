import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { serverConnectivity } from "@/db/schema";

/**
 * A run that has not ended after this long belongs to a process that died: the next may start. Well
 * above a run's own bound (each check times out after CONNECTIVITY_TIMEOUT_MS, 30 s at most).
 */
export const RUN_STALE_SECONDS = 120;

/**
 * Marks a run of this server's checks as started, unless one is under way: true when this caller
 * may run. One conditional UPDATE, so two requests (or a request and the daily job, in any process)
 * never both get it. The mark is cleared when the results are stored (record-check-results.ts) or
 * by `releaseRun` when the run fails.
 */
export async function claimRun(db: DbOrTx, serverId: string): Promise<boolean> {
  const claimed = await db
    .update(serverConnectivity)
    .set({ runStartedAt: sql`now()` })
    .where(
      and(
        eq(serverConnectivity.serverId, serverId),
        or(
          isNull(serverConnectivity.runStartedAt),
          lt(serverConnectivity.runStartedAt, sql`now() - make_interval(secs => ${RUN_STALE_SECONDS})`),
        ),
      ),
    )
    .returning({ serverId: serverConnectivity.serverId });
  return claimed.length > 0;
}

export async function releaseRun(db: DbOrTx, serverId: string): Promise<void> {
  await db
    .update(serverConnectivity)
    .set({ runStartedAt: null })
    .where(eq(serverConnectivity.serverId, serverId));
}
