import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";

/** Whether the database answers a trivial query within `timeoutMs`. */
export async function checkDatabase(db: Db, timeoutMs = 2000): Promise<{ ok: boolean; latencyMs: number }> {
  const started = performance.now();
  try {
    await Promise.race([
      db.execute(sql`select 1`),
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref()),
    ]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch {
    return { ok: false, latencyMs: Math.round(performance.now() - started) };
  }
}
