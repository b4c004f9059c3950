import { eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { type ConnectivityResultRow, connectivityResults, serverConnectivity } from "@/db/schema";
import { type AlertChange, alertConnectivity } from "./alert-connectivity";
import { releaseRun } from "./run-lock";
import type { CheckResult } from "./types";

export type RecordOptions = {
  serverId: string;
  results: CheckResult[];
  /**
   * Whether a check's first result may be news. A person running the checks sees the first results
   * on the page; the daily job's first results (after the scenario changed) nobody has seen yet.
   */
  firstResultIsNews: boolean;
  /** When the setup the run checked was saved: a setup saved since makes the results moot. */
  setupSavedAt: Date;
};

/**
 * Stores a run's results as the latest of each check, in the caller's transaction, and hands what
 * changed to the alerting, so a mail exists exactly when the change it reports does. A check keeps
 * `state_since` while its state holds. A TURN check skipped for want of the secret (which is never
 * stored, so the daily run never has it) keeps its previous result and time: a person expects the
 * last real answer, not a grey badge, after every run without the secret. Ends the run's mark. A
 * run whose setup was saved again while it ran stores nothing.
 */
export async function recordCheckResults(tx: Tx, opts: RecordOptions): Promise<ConnectivityResultRow[]> {
  // Locked, so a save cannot slip in between this test and the writes below.
  const [current] = await tx
    .select({ updatedAt: serverConnectivity.updatedAt })
    .from(serverConnectivity)
    .where(eq(serverConnectivity.serverId, opts.serverId))
    .for("update");
  if (!current) return [];
  if (current.updatedAt.getTime() !== opts.setupSavedAt.getTime()) {
    // The run checked names and ports that are no longer the setup: nothing of it is kept.
    await releaseRun(tx, opts.serverId);
    return [];
  }
  const previous = new Map(
    (await tx.select().from(connectivityResults).where(eq(connectivityResults.serverId, opts.serverId))).map(
      (r) => [r.check, r],
    ),
  );
  const now = new Date();
  const changes: AlertChange[] = [];
  const latest: ConnectivityResultRow[] = [];
  for (const r of opts.results) {
    // The push check is the heartbeat's, read live (push-check.ts); nothing of it is stored.
    if (r.check === "push") continue;
    const before = previous.get(r.check);
    if (r.check === "turn" && r.state === "skipped" && before) {
      latest.push(before);
      continue;
    }
    const row: ConnectivityResultRow = {
      serverId: opts.serverId,
      check: r.check,
      state: r.state,
      reason: r.reason,
      seen: r.seen,
      durationMs: r.durationMs,
      checkedAt: now,
      stateSince: before && before.state === r.state ? before.stateSince : now,
    };
    latest.push(row);
    await tx
      .insert(connectivityResults)
      .values(row)
      .onConflictDoUpdate({
        target: [connectivityResults.serverId, connectivityResults.check],
        set: {
          state: row.state,
          reason: row.reason,
          seen: row.seen,
          durationMs: row.durationMs,
          checkedAt: row.checkedAt,
          stateSince: row.stateSince,
        },
      });
    const bad = r.state === "red" || r.state === "amber";
    if (bad && (before ? before.state !== r.state : opts.firstResultIsNews)) {
      changes.push({ check: r.check, state: r.state as "red" | "amber", reason: r.reason, seen: r.seen });
    }
  }
  const [settings] = await tx
    .update(serverConnectivity)
    .set({ lastRunAt: now, runStartedAt: null })
    .where(eq(serverConnectivity.serverId, opts.serverId))
    .returning();
  if (!settings) return latest;
  const counted = latest.filter((r) => r.state !== "skipped");
  const allGreen = counted.length > 0 && counted.every((r) => r.state === "green");
  if (changes.length > 0) {
    await alertConnectivity(tx, { settings, kind: "problem", changes });
  } else if (allGreen && settings.problemAlertedAt) {
    await alertConnectivity(tx, { settings, kind: "resolved", changes: [] });
  }
  return latest;
}
