import type { Db } from "@/db/client";
import { isDatabaseUnavailable, OutageLog } from "@/lib/db-outage";
import { env } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import { recordIngestAlive } from "./ingest-clock";
import { LATE_FACTOR, sweepStatuses } from "./sweep-statuses";

/**
 * Runs the status sweep in this process, looking every STATUS_SWEEP_INTERVAL_MS whether a change
 * can be due, so that silence is noticed even when no request arrives. Every portal process runs
 * one; sweepStatuses keeps that safe. Each tick also records that the portal can receive heartbeats
 * (ingest-clock.ts): a tick that finds no process did for a while ends an outage, and silence is
 * judged from then on. Returns a stop function whose promise settles once a round under way has
 * finished. Never throws; a failed round is logged (an outage once).
 */
export function startStatusSweeper(opts: {
  db: Db;
  intervalMs?: number;
  heartbeatSeconds?: number;
}): () => Promise<void> {
  const e = env();
  const db = opts.db;
  const heartbeatSeconds = opts.heartbeatSeconds ?? e.HEARTBEAT_INTERVAL_SECONDS;
  const intervalMs = opts.intervalMs ?? e.STATUS_SWEEP_INTERVAL_MS;
  // Longer than a few missed ticks of every process: nobody could reach the database meanwhile.
  const gapSeconds = Math.max(3, (3 * intervalMs) / 1000);
  // The scan reads every server (see sweep-statuses.ts), so it runs only once the earliest threshold
  // it reported has come, not on every tick: with thousands of servers sending heartbeats that is
  // once in a while instead of every second. At most 1.5 intervals apart all the same, the time
  // after which a server that came online since is due at the earliest, which also bounds how late
  // a row changed by hand (last seen moved back) is noticed.
  const maxWaitMs = LATE_FACTOR * heartbeatSeconds * 1000;
  const outage = new OutageLog("status");
  let running: Promise<void> | null = null;
  let dueAt = 0;
  const round = async () => {
    if (running) return;
    running = tick();
    await running;
    running = null;
  };
  const tick = async () => {
    try {
      const clock = await recordIngestAlive(db, { gapSeconds });
      outage.success();
      if (clock.resumed) {
        log("status").warn(
          { resumedAt: clock.resumedAt },
          "heartbeats could not be received for a while: silence counts from now",
        );
        dueAt = 0;
      }
      if (Date.now() < dueAt) return;
      // Bounded: a backlog (say, after downtime) is worked off in batches, at most 100 per tick.
      for (let i = 0; i < 100; i++) {
        const { changed, nextDueSeconds } = await sweepStatuses(db, { heartbeatSeconds, batch: 1000 });
        dueAt = Date.now() + Math.min(maxWaitMs, Math.max(0, (nextDueSeconds ?? Infinity) * 1000));
        if (changed < 1000) break;
      }
    } catch (error) {
      dueAt = 0;
      if (isDatabaseUnavailable(error)) outage.failure(error);
      else log("status").error(errorFields(error), "sweep failed");
    }
  };
  const timer = setInterval(() => void round(), intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
