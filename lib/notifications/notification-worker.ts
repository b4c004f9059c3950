import { db } from "@/db/client";
import { isDatabaseUnavailable, OutageLog } from "@/lib/db-outage";
import { env } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import { kickMailWorker } from "@/lib/mail/mail-worker";
import { sendTrialReminders } from "@/lib/trials/send-trial-reminders";
import { notifyStatusChanges } from "./notify-status-changes";
import { sendExpiryReminders } from "./send-expiry-reminders";

const STATUS_EVERY_MS = 5_000;
/** Reminders are about days; once a minute is plenty. */
const EXPIRY_EVERY_MS = 60_000;

/**
 * Runs the notification use cases in this process: status changes every few seconds, license and
 * trial reminders every minute. Every portal process runs one; the use cases keep that safe (row locks
 * with SKIP LOCKED, reminder rows inserted once). Never throws; a failed round is logged.
 */
export function startNotificationWorker(opts: { intervalMs?: number } = {}): () => void {
  const appUrl = env().APP_URL.replace(/\/$/, "");
  const outage = new OutageLog("notify");
  let running = false;
  let lastExpiry = 0;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      let mailed = 0;
      // A backlog (after downtime) is worked off in bounded batches per tick.
      for (let i = 0; i < 20; i++) {
        const r = await notifyStatusChanges(db, { appUrl, batch: 200 });
        mailed += r.mailed;
        if (r.processed < 200) break;
      }
      if (Date.now() - lastExpiry >= EXPIRY_EVERY_MS) {
        lastExpiry = Date.now();
        mailed += (await sendExpiryReminders(db, { appUrl })).mailed;
        mailed += (await sendTrialReminders(db, { appUrl })).mailed;
      }
      if (mailed > 0) kickMailWorker();
      outage.success();
    } catch (error) {
      if (isDatabaseUnavailable(error)) outage.failure(error);
      else log("notify").error(errorFields(error), "round failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void round(), opts.intervalMs ?? STATUS_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
