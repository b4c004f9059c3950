import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rateLimits } from "@/db/schema";
import { hitRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { pruneRateLimits } from "@/lib/rate-limit/prune-rate-limits";
import { db } from "@/tests/setup/db";
import { uniq } from "@/tests/setup/factories";

describe("rate-limit counters", () => {
  it("are deleted once their window is long over (their keys name people), and kept while it counts", async () => {
    const old = `test-old:${uniq()}@example.test`;
    const fresh = `test-fresh:${uniq()}@example.test`;
    await hitRateLimit(db, old, 86_400);
    await hitRateLimit(db, fresh, 86_400);
    await db
      .update(rateLimits)
      .set({ windowStart: new Date(Date.now() - 49 * 3_600_000) })
      .where(eq(rateLimits.key, old));
    expect(await pruneRateLimits(db)).toBeGreaterThanOrEqual(1);
    const left = await db
      .select()
      .from(rateLimits)
      .where(inArray(rateLimits.key, [old, fresh]));
    expect(left.map((r) => r.key)).toEqual([fresh]);
  });
});
