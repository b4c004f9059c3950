import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { serverConnectivity } from "@/db/schema";
import { sqlRows } from "@/db/sql";
import { errorFields, log } from "@/lib/log";
import { checkerConfig, runChecks } from "./checks";
import { recordCheckResults } from "./record-check-results";
import type { RunCheckOptions } from "./run-connectivity-checks";
import { claimRun, RUN_STALE_SECONDS, releaseRun } from "./run-lock";

/** A server's checks run again once their last run is this old. */
export const RERUN_AFTER_HOURS = 24;

export type RunDueOptions = RunCheckOptions & { batch?: number; concurrency?: number };

/**
 * The daily re-run: servers whose checks last ran RERUN_AFTER_HOURS ago or more run again, without
 * a person and so without the TURN secret (that check keeps its last result, see
 * record-check-results.ts). A server whose checks never ran is not due: its first run is a
 * person's, on the page. Deleted servers and servers of deleted organisations are left out. At most
 * `batch` servers per call, `concurrency` at a time: each run waits on the network, not on us.
 * Returns how many were picked and how many ran.
 */
export async function runDueConnectivityChecks(
  db: Db,
  opts: RunDueOptions = {},
): Promise<{ picked: number; ran: number }> {
  // Read through server_connectivity's last_run_at index: only servers with a saved scenario have a
  // row there, however many servers the portal knows.
  const due = await sqlRows<{ server_id: string }>(
    db,
    sql`
    select c.server_id
      from server_connectivity c
      join servers s on s.id = c.server_id
      join organisations o on o.id = c.organisation_id
     where c.last_run_at < now() - make_interval(hours => ${RERUN_AFTER_HOURS})
       and (c.run_started_at is null
            or c.run_started_at < now() - make_interval(secs => ${RUN_STALE_SECONDS}))
       and s.deleted_at is null and o.deleted_at is null
     order by c.last_run_at
     limit ${opts.batch ?? 100}`,
  );
  const queue = due.map((d) => d.server_id);
  let ran = 0;
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      if (await runOne(db, id, opts)) ran++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  return { picked: due.length, ran };
}

/** One server's run; false when another run holds it or the run failed (logged, retried next hour). */
async function runOne(db: Db, serverId: string, opts: RunCheckOptions): Promise<boolean> {
  if (!(await claimRun(db, serverId))) return false;
  try {
    const [settings] = await db
      .select({ inputs: serverConnectivity.inputs, savedAt: serverConnectivity.updatedAt })
      .from(serverConnectivity)
      .where(eq(serverConnectivity.serverId, serverId));
    if (!settings) return false;
    const results = await (opts.runner ?? runChecks)(settings.inputs, {
      config: opts.config ?? checkerConfig(),
    });
    await db.transaction((tx) =>
      recordCheckResults(tx, { serverId, results, firstResultIsNews: true, setupSavedAt: settings.savedAt }),
    );
    return true;
  } catch (error) {
    log("connectivity").error({ ...errorFields(error), serverId }, "daily connectivity run failed");
    await releaseRun(db, serverId);
    return false;
  }
}
