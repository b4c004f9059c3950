import { db } from "@/db/client";
import { env } from "@/lib/env";
import { LATE_FACTOR, sweepStatuses } from "./sweep-statuses";

/**
 * Runs the status sweep in this process, looking every STATUS_SWEEP_INTERVAL_MS whether a change
 * can be due, so that silence is noticed even when no request arrives. Every portal process runs
 * one; sweepStatuses keeps that safe. Returns a stop function whose promise settles once a round
 * under way has finished. Never throws; a failed round is logged and the next one tries again.
 */
export function startStatusSweeper(
  opts: { intervalMs?: number; heartbeatSeconds?: number } = {},
): () => Promise<void> {
  const e = env();
  const heartbeatSeconds = opts.heartbeatSeconds ?? e.HEARTBEAT_INTERVAL_SECONDS;
  // The scan reads every server (see sweep-statuses.ts), so it runs only once the earliest threshold
  // it reported has come, not on every tick: with thousands of servers sending heartbeats that is
  // once in a while instead of every second. At most 1.5 intervals apart all the same, the time
  // after which a server that came online since is due at the earliest, which also bounds how late
  // a row changed by hand (last seen moved back) is noticed.
  const maxWaitMs = LATE_FACTOR * heartbeatSeconds * 1000;
  let running: Promise<void> | null = null;
  let dueAt = 0;
  const round = async () => {
    if (running || Date.now() < dueAt) return;
    running = sweep();
    await running;
    running = null;
  };
  const sweep = async () => {
    try {
      // Bounded: a backlog (say, after downtime) is worked off in batches, at most 100 per tick.
      for (let i = 0; i < 100; i++) {
        const { changed, nextDueSeconds } = await sweepStatuses(db, { heartbeatSeconds, batch: 1000 });
        dueAt = Date.now() + Math.min(maxWaitMs, Math.max(0, (nextDueSeconds ?? Infinity) * 1000));
        if (changed < 1000) break;
      }
    } catch (error) {
      dueAt = 0;
      console.error("[status] sweep failed:", error instanceof Error ? error.message : error);
    }
  };
  const timer = setInterval(() => void round(), opts.intervalMs ?? e.STATUS_SWEEP_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
