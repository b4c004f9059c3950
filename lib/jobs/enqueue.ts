import { sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { DbOrTx } from "@/db/client";
import { transactionExecutor } from "./executor";
import { JOBS_CHANNEL, type QueueName } from "./queues";

export type EnqueueOptions = {
  /** With `singletonSeconds`: at most one such job per time slot, however many are asked for. */
  singletonKey?: string;
  singletonSeconds?: number;
  startAfter?: Date;
};

// pg-boss's statements for adding jobs, bound to no connection of their own: every call below hands
// them the executor of the caller's database or transaction, so a job exists exactly when the change
// that caused it does. Building them needs no connection, only configuration, so it is done once.
let statements: PgBoss | undefined;
const sender = () =>
  (statements ??= new PgBoss({
    db: {
      executeSql: () => {
        throw new Error("jobs are added with enqueueJob(s), inside a database or transaction");
      },
    },
  }));

/** Announces new work at commit: every process's runner starts on it at once (see runner.ts). */
async function announce(db: DbOrTx, name: QueueName) {
  await db.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${name})`);
}

/**
 * Adds one job, inside the caller's transaction when given one. Returns its id, or null when a
 * singleton job of the same key already holds the time slot.
 */
export async function enqueueJob(
  db: DbOrTx,
  name: QueueName,
  data: object = {},
  opts: EnqueueOptions = {},
): Promise<string | null> {
  const id = await sender().send(name, data, { ...opts, db: transactionExecutor(db) });
  await announce(db, name);
  return id;
}

/** Adds many jobs of one kind in one statement, inside the caller's transaction when given one. */
export async function enqueueJobs(db: DbOrTx, name: QueueName, data: object[]): Promise<void> {
  if (data.length === 0) return;
  // Large batches go in slices: one statement per thousand keeps each short.
  for (let i = 0; i < data.length; i += 1000) {
    await sender().insert(
      data.slice(i, i + 1000).map((d) => ({ name, data: d })),
      { db: transactionExecutor(db) },
    );
  }
  await announce(db, name);
}
