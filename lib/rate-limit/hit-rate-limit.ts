import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rateLimits } from "@/db/schema";

export type Window = { count: number; resetAt: Date };

/**
 * Counts one event against `key` in a fixed window that starts at its first event. Kept in
 * PostgreSQL so every portal process and every restart sees the same count.
 */
export async function hitRateLimit(db: DbOrTx, key: string, windowSeconds: number): Promise<Window> {
  const expired = sql`${rateLimits.windowStart} <= now() - make_interval(secs => ${windowSeconds})`;
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  return { count: row!.count, resetAt: new Date(row!.windowStart.getTime() + windowSeconds * 1000) };
}

/** The current count without adding to it; 0 once the window has passed. */
export async function peekRateLimit(db: DbOrTx, key: string, windowSeconds: number): Promise<Window> {
  const [row] = await db
    .select({ count: rateLimits.count, windowStart: rateLimits.windowStart })
    .from(rateLimits)
    .where(
      sql`${rateLimits.key} = ${key} and ${rateLimits.windowStart} > now() - make_interval(secs => ${windowSeconds})`,
    );
  if (!row) return { count: 0, resetAt: new Date() };
  return { count: row.count, resetAt: new Date(row.windowStart.getTime() + windowSeconds * 1000) };
}

export async function resetRateLimit(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimits).where(eq(rateLimits.key, key));
}

export function retryAfterSeconds(w: Window): number {
  return Math.max(1, Math.ceil((w.resetAt.getTime() - Date.now()) / 1000));
}
