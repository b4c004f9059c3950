/**
 * `npm start`: builds if the sources changed, migrates, seeds the embedded database when empty
 * (any database with --seed-demo), and serves on PORT. `npm run dev` uses Next's dev server.
 */
import { ensureBuilt } from "./ensure-built";

const dev = process.argv.includes("--dev");
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? (dev ? "development" : "production") });

const { env } = await import("@/lib/env");
const e = env();
try {
  // A connectivity setting the checker cannot use stops the start, rather than the first check.
  (await import("@/lib/connectivity/checks/config")).checkerConfig();
} catch (error) {
  console.error(`[portal] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
// next-auth reads its base URL from here.
process.env.NEXTAUTH_URL ??= e.APP_URL;

if (!dev) ensureBuilt();

const { portal } = await import("@/lib/server/portal");
let database: ReturnType<typeof portal>["database"];
try {
  database = portal().database;
} catch (error) {
  console.error(`[portal] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
const { migrateDb } = await import("@/db/migrate");
await migrateDb(database);
const { seedReference } = await import("@/db/seed-reference");
await seedReference(database.db);

if (database.kind === "pglite" || process.argv.includes("--seed-demo")) {
  const { seedDemo, DEMO_ACCOUNTS } = await import("@/db/seed");
  if (await seedDemo(database.db)) console.log("[portal] seeded the demo organisation and accounts");
  console.log("[portal] demo accounts:");
  for (const a of DEMO_ACCOUNTS)
    console.log(`  ${a.email.padEnd(28)} ${a.password.padEnd(20)} ${"role" in a ? a.role : a.staff}`);
}

const { startServer } = await import("@/lib/server/http-server");
await startServer({ dev });
const { log } = await import("@/lib/log");
log("portal").info({ url: e.APP_URL, host: e.HOST, port: e.PORT, database: database.kind }, "ready");
console.log(`[portal] ready on ${e.APP_URL}`);
