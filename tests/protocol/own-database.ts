import { spawnSync } from "node:child_process";
import { createTestDatabase } from "@/tests/setup/test-database";

/**
 * Points this test file (its own process) at a database of its own, migrated, before anything has
 * opened a connection. For tests that act on every server in the database (the status sweeper,
 * publishing terms) and would otherwise disturb test files running beside them.
 */
export async function useOwnDatabase(prefix: string): Promise<() => Promise<void>> {
  const database = await createTestDatabase(prefix);
  process.env.DATABASE_URL = database.url;
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
    env: process.env,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`migration failed: ${r.stderr || r.stdout}`);
  return async () => {
    const { closeDb } = await import("@/db/client");
    await closeDb();
    if (!process.env.KEEP_TEST_DB) await database.drop();
  };
}
