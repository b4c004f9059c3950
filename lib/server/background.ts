import type { Transporter } from "nodemailer";
import type { Db } from "@/db/client";
import { deleteUnverifiedAccounts } from "@/lib/accounts/delete-unverified-accounts";
import { runDueConnectivityChecks } from "@/lib/connectivity/run-due-connectivity-checks";
import { env } from "@/lib/env";
import { pruneHeartbeatHistory } from "@/lib/heartbeats/prune-heartbeat-history";
import { startStatusSweeper } from "@/lib/heartbeats/status-sweeper";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { createJobRunner, type JobHandler } from "@/lib/jobs/runner";
import { SERVER_STATUS_CHANNEL } from "@/lib/live/server-status-feed";
import { errorFields, log } from "@/lib/log";
import { mailDeliveryHandler } from "@/lib/mail/deliver-outbox";
import { reconcileOutbox } from "@/lib/mail/reconcile-outbox";
import { notifyStatusChanges } from "@/lib/notifications/notify-status-changes";
import { sendExpiryReminders } from "@/lib/notifications/send-expiry-reminders";
import { pruneRateLimits } from "@/lib/rate-limit/prune-rate-limits";
import { sendTrialReminders } from "@/lib/trials/send-trial-reminders";
import type { Portal } from "./portal";

/** A job that does its work once per run, whatever the batch (schedules send one at a time). */
const once = (work: () => Promise<unknown>): JobHandler => ({
  run: async () => {
    await work();
    return undefined;
  },
});

/** What each queue does, built from the use cases with the process's database and mailer. */
export function jobHandlers(db: Db, transport: Transporter | null): Record<string, JobHandler> {
  const appUrl = env().APP_URL.replace(/\/$/, "");
  return {
    // Without a mail server, mail waits in the outbox (the operator can read it) and its jobs wait too.
    ...(transport ? { "mail.deliver": mailDeliveryHandler(db, transport) } : {}),
    "mail.reconcile": once(() => reconcileOutbox(db)),
    "status.notify": once(async () => {
      // A backlog (after downtime) is worked off in bounded batches.
      for (let i = 0; i < 20; i++) {
        if ((await notifyStatusChanges(db, { appUrl, batch: 200 })).processed < 200) break;
      }
    }),
    "reminders.send": once(async () => {
      await sendExpiryReminders(db, { appUrl });
      await sendTrialReminders(db, { appUrl });
    }),
    "accounts.cleanup": once(() => deleteUnverifiedAccounts(db)),
    "connectivity.check": once(async () => {
      // Bounded batches; what is left waits for the next hour.
      for (let i = 0; i < 20; i++) {
        if ((await runDueConnectivityChecks(db, { batch: 100, concurrency: 8 })).picked < 100) break;
      }
    }),
    "history.prune": once(async () => {
      const { deleted } = await pruneHeartbeatHistory(db, { retentionDays: env().HEARTBEAT_RETENTION_DAYS });
      if (deleted > 0) log("prune").info({ deleted }, "deleted heartbeats older than the retention");
      await pruneRateLimits(db);
    }),
  };
}

/**
 * Starts all background work of a process, in one call with one stop: the job runner (outbox
 * delivery, status e-mails, reminders, history pruning, on pg-boss) and the status sweeper. The
 * sweeper stays a loop of its own: it must notice silence within a second, while the queue polls at
 * best every half second and schedules by the minute, and a job a second per process would cost the
 * queue more than the sweep it carries (see docs/background-work.md).
 */
export async function startBackgroundWork(portal: Portal): Promise<() => Promise<void>> {
  const runner = createJobRunner({
    database: portal.database,
    listener: portal.listener,
    handlers: jobHandlers(portal.db, portal.mailTransport),
  });
  await runner.start();
  // Every status change, whichever process or statement records it, gets its e-mails soon: one job
  // per five seconds at most, however many changes and processes (pg-boss keeps one per slot). A
  // burst of changes (thousands of servers coming online after a restart) asks for it once, not
  // once per change: the first change asks at once, the rest of the burst once more at its end.
  const statusMail = throttle(5000, () =>
    enqueueJob(portal.db, "status.notify", {}, { singletonKey: "status", singletonSeconds: 5 }).catch(
      (error: unknown) => log("jobs").warn(errorFields(error), "could not queue status e-mails"),
    ),
  );
  const unlisten = portal.listener.listen(SERVER_STATUS_CHANNEL, statusMail.call);
  const stopSweeper = startStatusSweeper({ db: portal.db });
  return async () => {
    unlisten();
    statusMail.cancel();
    await stopSweeper();
    await runner.stop();
  };
}

/** Calls `fn` at most once per `ms`: at the first call, and once more at the end of a busy window. */
function throttle(ms: number, fn: () => unknown): { call: () => void; cancel: () => void } {
  let last = 0;
  let pending: NodeJS.Timeout | undefined;
  return {
    call() {
      const wait = last + ms - Date.now();
      if (wait <= 0) {
        last = Date.now();
        fn();
      } else if (!pending) {
        pending = setTimeout(() => {
          pending = undefined;
          last = Date.now();
          fn();
        }, wait);
        pending.unref();
      }
    },
    cancel: () => clearTimeout(pending),
  };
}
