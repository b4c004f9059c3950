import PgBoss from "pg-boss";
import type { DbHandle } from "@/db/client";
import { env } from "@/lib/env";
import { databaseExecutor } from "./executor";
import { QUEUES, type QueueName } from "./queues";

/**
 * Creates or upgrades the job queue's own tables (pg-boss keeps them in schema `pgboss`, migrated by
 * pg-boss under an advisory lock, so several processes may start at once) and every queue with its
 * retry settings. Part of migrating the database (db/migrate.ts), before anything adds a job.
 */
export async function installJobQueue(database: DbHandle): Promise<void> {
  const boss = new PgBoss({
    db: databaseExecutor(database),
    migrate: true,
    supervise: false,
    schedule: false,
  });
  boss.on("error", () => {});
  await boss.start();
  try {
    for (const [name, defaults] of Object.entries(QUEUES) as [QueueName, (typeof QUEUES)[QueueName]][]) {
      // The first wait after a temporary SMTP failure is the operator's to choose.
      const options =
        name === "mail.deliver" ? { ...defaults, retryDelay: env().MAIL_RETRY_BASE_SECONDS } : defaults;
      const existing = await boss.getQueue(name);
      if (existing) await boss.updateQueue(name, { name, ...options });
      else await boss.createQueue(name, { name, ...options });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true, close: false });
  }
}
