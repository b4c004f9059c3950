import { db } from "@/db/client";
import { env } from "@/lib/env";
import { sweepStatuses } from "./sweep-statuses";

/**
 * Runs the status sweep in this process every STATUS_SWEEP_INTERVAL_MS, so that silence is noticed
 * even when no request arrives. Every portal process runs one; sweepStatuses keeps that safe.
 * Returns a stop function. Never throws; a failed round is logged and the next one tries again.
 */
export function startStatusSweeper(
  opts: { intervalMs?: number; heartbeatSeconds?: number } = {},
): () => void {
  const e = env();
  const heartbeatSeconds = opts.heartbeatSeconds ?? e.HEARTBEAT_INTERVAL_SECONDS;
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      // Bounded: a backlog (say, after downtime) is worked off in batches, at most 100 per tick.
      for (let i = 0; i < 100; i++) {
        const { changed } = await sweepStatuses(db, { heartbeatSeconds, batch: 1000 });
        if (changed < 1000) break;
      }
    } catch (error) {
      console.error("[status] sweep failed:", error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), opts.intervalMs ?? e.STATUS_SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
