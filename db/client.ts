import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import { errorFields, log } from "@/lib/log";
import { acquirePgliteLock } from "./pglite-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A use case accepts either the database or a transaction it runs inside. */
export type DbOrTx = Db | Tx;

/** An open database: Drizzle on top, the driver beneath for what Drizzle does not offer (LISTEN). */
export type DbHandle = {
  db: Db;
  kind: "postgres" | "pglite";
  /** The PostgreSQL server, for connections outside the pool (a LISTEN must keep its own). */
  url?: string;
  pool?: pg.Pool;
  /** The embedded database itself. */
  pglite?: PGlite;
  close: () => Promise<void>;
};

export type DbOptions =
  | { url: string; poolSize?: number }
  /** The embedded database in `dataDir/pglite`: one process per folder, guarded by a lock file. */
  | { dataDir: string };

/**
 * Opens a database: PostgreSQL through a `pg` pool, or the embedded PGlite. Nothing is shared: each
 * call opens its own, which the caller closes. The process builds one (lib/server/portal.ts); a test
 * opens one of its own in a line (tests/setup/test-database.ts).
 */
export function createDb(opts: DbOptions): DbHandle {
  if ("url" in opts) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle client that loses its connection must not crash the process. Every pooled connection
    // reports it when the database restarts; the requests that then fail report the outage once.
    pool.on("error", (err) => log("db").debug(errorFields(err), "idle connection lost"));
    return {
      db: drizzlePg(pool, { schema }),
      kind: "postgres",
      url: opts.url,
      pool,
      close: () => pool.end(),
    };
  }
  const release = acquirePgliteLock(opts.dataDir);
  const client = new PGlite(path.resolve(opts.dataDir, "pglite"));
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: "pglite",
    pglite: client,
    close: async () => {
      await client.close();
      release();
    },
  };
}
