import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pruneHeartbeatHistory } from "@/lib/heartbeats/prune-heartbeat-history";
import { makeServer } from "@/tests/protocol/harness";
import { db } from "@/tests/setup/db";
import { withOwnDatabase } from "@/tests/setup/own-database";

// Pruning acts on every server's history, so this file has a database of its own.

withOwnDatabase("heartbeat_retention");

describe("heartbeat history retention", () => {
  it("deletes only rows older than the retention, in batches, once however many processes prune", async () => {
    const { server } = await makeServer();
    const [session] = (
      (await db.execute(sql`insert into server_sessions (server_id, token_hash, expires_at)
        values (${server.id}::uuid, md5(random()::text), now() + interval '1 day') returning id`)) as unknown as {
        rows: { id: string }[];
      }
    ).rows;
    // 25,000 heartbeats 91–120 days old and 100 from the last 30 days.
    await db.execute(sql`
      insert into server_heartbeats (server_id, session_id, sequence, sent_at, received_at, clock_skew_ms,
                                     ucserver_version, users_total, users_mobile, users_audio_video)
      select ${server.id}::uuid, ${session!.id}::uuid, g, t, t, 0, '6.4.0.1', 1, 1, 1
        from generate_series(1, 25100) g,
             lateral (select case when g <= 25000 then now() - make_interval(days => 91 + g % 30)
                                  else now() - make_interval(days => g % 30) end as t) x`);
    const count = async (older: boolean) => {
      const r = (await db.execute(
        sql`select count(*)::int as n from server_heartbeats
             where ${older ? sql`received_at < now() - interval '90 days'` : sql`received_at >= now() - interval '90 days'`}`,
      )) as unknown as { rows: { n: number }[] };
      return r.rows[0]!.n;
    };

    const first = await pruneHeartbeatHistory(db, { retentionDays: 90, maxBatches: 2 });
    expect(first.deleted).toBe(20_000);
    expect(await count(true)).toBe(5_000);
    // Two processes at once: one prunes, the other skips; nothing is deleted twice or left behind.
    const both = await Promise.all([
      pruneHeartbeatHistory(db, { retentionDays: 90 }),
      pruneHeartbeatHistory(db, { retentionDays: 90 }),
    ]);
    expect(both.map((b) => b.deleted).reduce((a, b) => a + b, 0)).toBe(5_000);
    expect(await count(true)).toBe(0);
    expect(await count(false)).toBe(100);
    expect((await pruneHeartbeatHistory(db, { retentionDays: 90 })).deleted).toBe(0);
  });
});
