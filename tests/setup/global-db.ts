import { spawnSync } from "node:child_process";
import { createTestDatabase } from "./test-database";

/**
 * One fresh PostgreSQL database per `vitest run`, migrated once; test files share it and keep
 * apart by creating their own organisations, users and servers.
 */
export default async function setup() {
  const database = await createTestDatabase();
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
  Object.assign(process.env, { NODE_ENV: "test" });
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/migrate.ts"], {
    env: process.env,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`migration failed: ${r.stderr || r.stdout}`);
  return async () => {
    if (!process.env.KEEP_TEST_DB) await database.drop();
  };
}
