import { createDb, type Db, type DbHandle } from "@/db/client";

// The run's database (tests/setup/global-db.ts creates and migrates it), shared by the test files,
// which keep apart by creating organisations, users and servers of their own.
const shared = createDb({ url: process.env.DATABASE_URL!, poolSize: 5 });

/** This test file's database: the run's shared one, or one of its own (see own-database.ts). */
export let testDatabase: DbHandle = shared;
export let db: Db = shared.db;

/**
 * Points this file's database, and with it the factories' and harness's, at `handle` (a test file
 * runs in a process of its own, so this never reaches another file). Undone with `null`.
 */
export function setTestDatabase(handle: DbHandle | null): void {
  testDatabase = handle ?? shared;
  db = testDatabase.db;
}
