import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "./client";

/** A hand-written statement with a name, prepared once per pooled connection (hot paths). */
export type NamedStatement = { name: string; text: string; values: unknown[] };

type Queryable = { query: (text: string | object, values?: unknown[]) => Promise<{ rows: unknown[] }> };

/**
 * The one door to hand-written SQL: the rows of a Drizzle `sql` template, on the database or inside
 * a transaction; or of a named statement, which node-postgres parses and plans once per connection
 * (the heartbeat path is hot enough for that to matter; PGlite gets the same text unnamed). A named
 * statement needs the database itself, not a transaction.
 */
export async function sqlRows<T>(db: DbOrTx, query: SQL | NamedStatement): Promise<T[]> {
  if ("name" in query && "text" in query) {
    const client = Reflect.get(db, "$client") as Queryable | undefined;
    if (!client || typeof client.query !== "function") {
      throw new Error("a named statement needs the database itself, not a transaction");
    }
    const isPool = typeof Reflect.get(client, "connect") === "function" && "totalCount" in client;
    const result = isPool ? await client.query(query) : await client.query(query.text, query.values);
    return result.rows as T[];
  }
  // Both drivers answer `{ rows }`; Drizzle's generic database type cannot know which.
  const result: unknown = await db.execute(query);
  const rows = (result as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) throw new Error("unexpected driver result");
  return rows as T[];
}

/**
 * Statement text with `$1`-style parameters as a Drizzle template, so a library that speaks SQL
 * text (the job queue) can run its statements on the database or inside the caller's transaction.
 */
export function textStatement(text: string, values: unknown[] = []): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) chunks.push(sql.raw(parts[i]!));
    // One parameter each, arrays included (a bare array in a template would become a list).
    else chunks.push(sql`${sql.param(values[Number(parts[i]) - 1] ?? null)}`);
  }
  return sql.join(chunks, sql.raw(""));
}
