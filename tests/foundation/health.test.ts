import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { checkDatabase } from "@/lib/health/check-health";
import { db } from "@/tests/setup/db";

describe("health", () => {
  it("reports the database reachable when it answers", async () => {
    expect((await checkDatabase(db)).ok).toBe(true);
  });

  it("reports it unreachable, without throwing, when nothing listens", async () => {
    const pool = new pg.Pool({
      connectionString: "postgres://postgres@127.0.0.1:9/none",
      connectionTimeoutMillis: 500,
    });
    pool.on("error", () => {});
    const result = await checkDatabase(drizzle(pool), 1500);
    expect(result.ok).toBe(false);
    await pool.end();
  });
});
