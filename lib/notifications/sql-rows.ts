import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/**
 * Runs a hand-written statement and returns its rows. Both drivers (node-postgres and PGlite)
 * answer `{ rows }`; Drizzle's generic database type cannot know which, so it is checked here.
 */
export async function sqlRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  const rows = (result as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new Error("unexpected driver result");
  return rows as T[];
}
