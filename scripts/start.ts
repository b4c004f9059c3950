/**
 * `npm start`: builds if the sources changed, migrates, seeds the embedded database when empty, and
 * serves on PORT. `npm run dev` does the same with Next's dev server.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const dev = process.argv.includes("--dev");
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? (dev ? "development" : "production") });

const { env } = await import("@/lib/env");
const e = env();
// next-auth reads its base URL from here.
process.env.NEXTAUTH_URL ??= e.APP_URL;

const SOURCES = ["app", "lib", "db", "emails", "components", "next.config.ts", "package.json", "postcss.config.mjs"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const s = statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let max = s.mtimeMs;
  for (const name of readdirSync(p)) max = Math.max(max, newestMtime(path.join(p, name)));
  return max;
}

if (!dev) {
  const buildId = path.join(".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  if (SOURCES.some((s) => newestMtime(s) > builtAt)) {
    console.log("[portal] building (sources changed since the last build)…");
    const r = spawnSync(process.execPath, [path.join("node_modules", "next", "dist", "bin", "next"), "build"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}

const { handle } = await import("@/db/client");
const { migrateDb } = await import("@/db/migrate");
try {
  handle();
} catch (error) {
  console.error(`[portal] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
await migrateDb();
{
  const { seedReference } = await import("@/db/seed-reference");
  const { db } = await import("@/db/client");
  await seedReference(db);
}

if (handle().kind === "pglite") {
  const { seedDemo, DEMO_ACCOUNTS } = await import("@/db/seed");
  const { db } = await import("@/db/client");
  if (await seedDemo(db)) console.log("[portal] seeded demo data into the empty embedded database");
  console.log("[portal] demo accounts (embedded database):");
  for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(28)} ${a.password.padEnd(20)} ${"role" in a ? a.role : a.staff}`);
}

const { startServer } = await import("@/lib/http/server");
const { fastRoutes } = await import("@/lib/http/fast-routes");
await startServer({ dev, fastRoutes });
console.log(`[portal] ready on ${e.APP_URL} (listening on ${e.HOST}:${e.PORT}, ${handle().kind})`);
