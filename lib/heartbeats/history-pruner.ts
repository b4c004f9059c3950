import { db } from "@/db/client";
import { env } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import { pruneHeartbeatHistory } from "./prune-heartbeat-history";

const EVERY_MS = 60 * 60_000;

/**
 * Prunes old heartbeat history in this process once an hour (a minute after start, too). Every portal
 * process runs one; the use case lets only one work at a time. Never throws; a failed round is logged.
 */
export function startHistoryPruner(): () => void {
  const round = async () => {
    try {
      const { deleted } = await pruneHeartbeatHistory(db, { retentionDays: env().HEARTBEAT_RETENTION_DAYS });
      if (deleted > 0) log("prune").info({ deleted }, "deleted heartbeats older than the retention");
    } catch (error) {
      log("prune").error(errorFields(error), "round failed");
    }
  };
  const first = setTimeout(() => void round(), 60_000);
  const timer = setInterval(() => void round(), EVERY_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
