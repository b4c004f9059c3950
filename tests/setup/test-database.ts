import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type DbHandle } from "@/db/client";
import { migrateDb } from "@/db/migrate";

/** The PostgreSQL server tests run against; each run creates and drops databases of its own there. */
export const TEST_PG_ADMIN_URL =
  process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function admin(statement: string) {
  const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** An empty database of its own on the test server, and how to drop it again. */
export async function createTestDatabase(
  prefix = "portal_test",
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  await admin(`create database "${name}"`);
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      if (!process.env.KEEP_TEST_DB) await admin(`drop database if exists "${name}" with (force)`);
    },
  };
}

/**
 * A migrated database of its own, open: for a test file that acts on every row of a table (the
 * status sweeper, publishing terms, delivering the whole outbox) and would otherwise disturb the
 * files running beside it. `close` closes and drops it.
 */
export async function openTestDatabase(prefix: string): Promise<DbHandle & { url: string }> {
  const { url, drop } = await createTestDatabase(prefix);
  const handle = createDb({ url, poolSize: 5 });
  await migrateDb(handle);
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await drop();
    },
  };
}
