import type { DbOrTx } from "@/db/client";

type Queryable = { query: (text: string | object, values?: unknown[]) => Promise<{ rows: unknown[] }> };

/**
 * Runs one hand-written statement on the driver underneath Drizzle. With node-postgres the
 * statement is named, so each pooled connection parses and plans it once: the heartbeat path
 * is hot enough for that to matter. PGlite (the embedded database) gets the same text unnamed.
 */
export async function rawQuery<T>(db: DbOrTx, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = Reflect.get(db, "$client") as Queryable | undefined;
  if (!client || typeof client.query !== "function") {
    throw new Error("rawQuery needs the database itself, not a transaction");
  }
  // pg.Pool understands a query config object; PGlite's query takes (text, params).
  const isPg = typeof Reflect.get(client, "connect") === "function" && "totalCount" in client;
  const result = isPg ? await client.query({ name, text, values }) : await client.query(text, values);
  return result.rows as T[];
}
