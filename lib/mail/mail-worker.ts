import { db } from "@/db/client";
import { isDatabaseUnavailable, OutageLog } from "@/lib/db-outage";
import { env } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import { deliverOutbox } from "./deliver-outbox";
import { mailTransport } from "./transport";

const KEY = Symbol.for("ucconnect.mail-worker");
const outage = new OutageLog("mail");
type State = { running: boolean; again: boolean };
type Global = typeof globalThis & { [KEY]?: State };

function state(): State {
  const g = globalThis as Global;
  g[KEY] ??= { running: false, again: false };
  return g[KEY];
}

/**
 * Delivers what is due now, in the background. Called after a mail is queued (so it goes out at
 * once) and on a timer (for retries and for mail queued by other processes). Never throws.
 */
export function kickMailWorker(): void {
  const transport = mailTransport();
  if (!transport) return;
  const s = state();
  if (s.running) {
    s.again = true;
    return;
  }
  s.running = true;
  void (async () => {
    try {
      do {
        s.again = false;
        while ((await deliverOutbox(db, transport)) > 0) {}
      } while (s.again);
      outage.success();
    } catch (error) {
      if (isDatabaseUnavailable(error)) outage.failure(error);
      else log("mail").error(errorFields(error), "delivery round failed");
    } finally {
      s.running = false;
    }
  })();
}

export function startMailWorker(): () => void {
  if (!mailTransport()) return () => {};
  const timer = setInterval(kickMailWorker, env().MAIL_WORKER_INTERVAL_MS);
  timer.unref();
  kickMailWorker();
  return () => clearInterval(timer);
}
