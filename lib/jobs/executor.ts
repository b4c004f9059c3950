import type { DbHandle, DbOrTx } from "@/db/client";
import { textStatement } from "@/db/sql";

/** What pg-boss needs of a database: statement text with `$n` parameters, and the rows back. */
export type SqlExecutor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * The job queue on the process's database, through its pool or the embedded database itself (no
 * second connection pool: PGlite has only the one). Statements without parameters may be several
 * (pg-boss's own migrations): PGlite runs those with `exec`, node-postgres with its simple protocol.
 */
export function databaseExecutor(database: DbHandle): SqlExecutor {
  if (database.pglite) {
    const lite = database.pglite;
    return {
      async executeSql(text, values) {
        if (values && values.length > 0) return lite.query(text, values);
        const results = await lite.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      },
    };
  }
  const pool = database.pool!;
  return { executeSql: (text, values) => pool.query(text, values as unknown[]) };
}

/** The same on a Drizzle database or transaction: jobs added inside the caller's transaction. */
export function transactionExecutor(db: DbOrTx): SqlExecutor {
  return {
    async executeSql(text, values) {
      const result: unknown = await db.execute(textStatement(text, values ?? []));
      return { rows: ((result as { rows?: unknown[] }).rows ?? []) as unknown[] };
    },
  };
}
