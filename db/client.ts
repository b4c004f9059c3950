import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { env } from "@/lib/env";
import { errorFields, log } from "@/lib/log";
import { acquirePgliteLock } from "./pglite-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A use case accepts either the database or a transaction it runs inside. */
export type DbOrTx = Db | Tx;

type Handle = {
  db: Db;
  close: () => Promise<void>;
  kind: "postgres" | "pglite";
  pool?: pg.Pool;
  // The embedded database itself, for what Drizzle does not offer (LISTEN for live status).
  pglite?: PGlite;
};

// Next bundles its own copy of this module beside the custom server's; both must share one handle,
// or PGlite would be opened twice in one process.
const KEY = Symbol.for("ucconnect.db");
type Global = typeof globalThis & { [KEY]?: Handle };

function open(): Handle {
  const e = env();
  if (e.DATABASE_URL) {
    const pool = new pg.Pool({ connectionString: e.DATABASE_URL, max: e.DB_POOL_SIZE });
    // An idle client that loses its connection must not crash the process. Every pooled connection
    // reports it when the database restarts; the requests that then fail report the outage once.
    pool.on("error", (err) => log("db").debug(errorFields(err), "idle connection lost"));
    return { db: drizzlePg(pool, { schema }), close: () => pool.end(), kind: "postgres", pool };
  }
  const dir = path.resolve(e.DATA_DIR, "pglite");
  const release = acquirePgliteLock(e.DATA_DIR);
  const client = new PGlite(dir);
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    close: async () => {
      await client.close();
      release();
    },
    kind: "pglite",
    pglite: client,
  };
}

export function handle(): Handle {
  const g = globalThis as Global;
  g[KEY] ??= open();
  return g[KEY];
}

/** Opened on first use, so that importing a module (say, during `next build`) touches no database. */
export const db: Db = new Proxy({} as Db, {
  get(_target, prop) {
    const real = handle().db;
    const value = Reflect.get(real, prop, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});

export async function closeDb(): Promise<void> {
  const g = globalThis as Global;
  const h = g[KEY];
  g[KEY] = undefined;
  await h?.close();
}
