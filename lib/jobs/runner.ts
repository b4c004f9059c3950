import PgBoss from "pg-boss";
import type { DbHandle } from "@/db/client";
import { isDatabaseUnavailable, OutageLog } from "@/lib/db-outage";
import type { DbListener } from "@/lib/live/db-listener";
import { errorFields, log } from "@/lib/log";
import { databaseExecutor } from "./executor";
import { JOBS_CHANNEL, type QueueName, SCHEDULES } from "./queues";

export type Job<T = Record<string, unknown>> = {
  id: string;
  data: T;
  retryCount: number;
  retryLimit: number;
};

/**
 * How one queue's jobs are done. `run` gets up to `batchSize` jobs and returns the ids of those
 * that failed for now (the queue retries them with backoff); the rest count as done. A throw fails
 * the whole batch.
 */
export type JobHandler = {
  batchSize?: number;
  /** Workers of this queue in one process, each taking its own batches (default 1). */
  workers?: number;
  run(jobs: Job[]): Promise<{ retry?: string[] } | undefined>;
};

export type JobRunner = {
  start(): Promise<void>;
  /** Lets this process's worker for `name` look for jobs now instead of at its next poll. */
  wake(name: QueueName): void;
  stop(): Promise<void>;
};

/**
 * The one job runner of a process, on pg-boss: workers for the queues given handlers, the
 * schedules (run once per slot across every process), and a wake-up on every job added anywhere
 * (NOTIFY at commit, see enqueue.ts), so a mail queued in a request goes out at once and the
 * poll is only the safety net.
 */
export function createJobRunner(opts: {
  database: DbHandle;
  listener: DbListener;
  handlers: Partial<Record<QueueName, JobHandler>>;
  pollingSeconds?: number;
}): JobRunner {
  const boss = new PgBoss({
    db: databaseExecutor(opts.database),
    migrate: false,
    supervise: true,
    schedule: true,
  });
  const outage = new OutageLog("jobs");
  boss.on("error", (error: unknown) => {
    if (isDatabaseUnavailable(error)) outage.failure(error);
    else log("jobs").error(errorFields(error), "queue error");
  });
  const workers = new Map<QueueName, string[]>();
  let unlisten = () => {};

  const wake = (name: QueueName) => {
    for (const id of workers.get(name) ?? []) boss.notifyWorker(id);
  };

  const work = async (name: QueueName, handler: JobHandler) => {
    const batchSize = handler.batchSize ?? 1;
    const id = await boss.work<Record<string, unknown>>(
      name,
      { batchSize, includeMetadata: true, pollingIntervalSeconds: opts.pollingSeconds ?? 2 },
      async (jobs) => {
        outage.success();
        // A full batch means more may be waiting: look again at once rather than after the poll.
        if (jobs.length >= batchSize) boss.notifyWorker(id);
        const result = await handler.run(
          jobs.map((j) => ({ id: j.id, data: j.data, retryCount: j.retryCount, retryLimit: j.retryLimit })),
        );
        if (result?.retry?.length) await boss.fail(name, result.retry);
      },
    );
    workers.set(name, [...(workers.get(name) ?? []), id]);
  };

  return {
    async start() {
      await boss.start();
      for (const { name, cron } of SCHEDULES) await boss.schedule(name, cron, {}, { tz: "UTC" });
      for (const [name, handler] of Object.entries(opts.handlers) as [QueueName, JobHandler][]) {
        for (let i = 0; i < (handler.workers ?? 1); i++) await work(name, handler);
      }
      unlisten = opts.listener.listen(JOBS_CHANNEL, (payload) => wake(payload as QueueName));
    },
    wake,
    async stop() {
      unlisten();
      await boss.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
    },
  };
}
