import PgBoss from "pg-boss";
import type { DbOrTx } from "@/db/client";
import { transactionExecutor } from "@/lib/jobs/executor";
import type { QueueName } from "@/lib/jobs/queues";
import type { JobHandler } from "@/lib/jobs/runner";

/**
 * Works off a queue's jobs with its handler until none is due, as the runner's worker would, but
 * in the test's own pace: `ignoreStartAfter` also takes jobs waiting for their retry backoff, as if
 * that time had passed. Returns how many jobs were run.
 */
export async function workQueue(
  db: DbOrTx,
  name: QueueName,
  handler: JobHandler,
  opts: { ignoreStartAfter?: boolean } = {},
): Promise<number> {
  const boss = new PgBoss({ db: transactionExecutor(db) });
  let done = 0;
  for (;;) {
    const jobs = await boss.fetch<Record<string, unknown>>(name, {
      batchSize: handler.batchSize ?? 1,
      includeMetadata: true,
      ignoreStartAfter: opts.ignoreStartAfter ?? false,
    });
    if (!jobs || jobs.length === 0) return done;
    const result = await handler.run(
      jobs.map((j) => ({ id: j.id, data: j.data, retryCount: j.retryCount, retryLimit: j.retryLimit })),
    );
    const retry = new Set(result?.retry ?? []);
    if (retry.size > 0) await boss.fail(name, [...retry]);
    const completed = jobs.filter((j) => !retry.has(j.id)).map((j) => j.id);
    if (completed.length > 0) await boss.complete(name, completed);
    done += jobs.length;
    // Jobs failed just now wait for their backoff; taking them again at once would loop.
    if (opts.ignoreStartAfter && retry.size > 0) return done;
  }
}
