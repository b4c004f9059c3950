import { asc, eq, inArray } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { ingestClock, serverStatusEvents, servers } from "@/db/schema";
import { recordIngestAlive } from "@/lib/heartbeats/ingest-clock";
import { startStatusSweeper } from "@/lib/heartbeats/status-sweeper";
import { sweepStatuses } from "@/lib/heartbeats/sweep-statuses";
import { db, testDatabase } from "@/tests/setup/db";
import { withOwnDatabase } from "@/tests/setup/own-database";
import { startTcpProxy } from "@/tests/support/tcp-proxy";
import * as h from "./harness";

// The sweeper acts on every server in its database: this file has one of its own.
withOwnDatabase("protocol_silence");

const INTERVAL_S = 2;
let api: import("./harness").Api;
const stops: (() => Promise<void>)[] = [];
beforeAll(async () => {
  api = await h.startApi();
});
afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
  await api?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `status` is reached; returns the milliseconds since `from` at which it was seen. */
async function statusReached(serverId: string, status: string, from: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if ((await h.serverRow(serverId)).status === status) return Date.now() - from;
    await sleep(50);
  }
  throw new Error(`${status} not reached within ${timeoutMs} ms`);
}

describe("silence detection", () => {
  it("records late, then offline, each exactly once and dated at its threshold, with several sweepers", async () => {
    // The portal has been up since before these servers connected.
    await recordIngestAlive(db, { gapSeconds: 3 });
    const s = await h.makeServer();
    const quiet = await h.makeServer();
    const { token } = await h.connect(api, s.serverId, s.password);
    const other = await h.connect(api, quiet.serverId, quiet.password);
    // Three "portal processes" sweeping every 100 ms with a 2 s heartbeat interval.
    for (let i = 0; i < 3; i++)
      stops.push(startStatusSweeper({ db, intervalMs: 100, heartbeatSeconds: INTERVAL_S }));

    // `quiet` keeps sending every 500 ms and must stay online throughout.
    let seq = 0;
    const keepAlive = setInterval(() => {
      void h.call(api, "POST", "/heartbeats", { token: other.token, body: h.heartbeat(++seq) });
    }, 500);
    await h.call(api, "POST", "/heartbeats", { token: other.token, body: h.heartbeat(++seq) });

    await h.call(api, "POST", "/heartbeats", { token, body: h.heartbeat(1) });
    const lastSeen = (await h.serverRow(s.server.id)).lastSeenAt!.getTime();

    // Late once 1.5 intervals (3 s) have passed, not before; offline after 3 intervals (6 s).
    const lateAfter = await statusReached(s.server.id, "late", lastSeen, 10_000);
    expect(lateAfter).toBeGreaterThanOrEqual(3000);
    const offlineAfter = await statusReached(s.server.id, "offline", lastSeen, 10_000);
    expect(offlineAfter).toBeGreaterThanOrEqual(6000);
    // Extra sweeps, in parallel, change nothing more.
    await Promise.all(Array.from({ length: 5 }, () => sweepStatuses(db, { heartbeatSeconds: INTERVAL_S })));
    clearInterval(keepAlive);

    const events = await db
      .select()
      .from(serverStatusEvents)
      .where(eq(serverStatusEvents.serverId, s.server.id))
      .orderBy(asc(serverStatusEvents.at));
    expect(events.map((e) => `${e.fromStatus}>${e.toStatus}:${e.reason}`)).toEqual([
      "never-connected>online:heartbeat",
      "online>late:silence",
      "late>offline:silence",
    ]);
    expect(events[1]!.at.getTime()).toBe(lastSeen + 1.5 * INTERVAL_S * 1000);
    expect(events[2]!.at.getTime()).toBe(lastSeen + 3 * INTERVAL_S * 1000);
    // Noticed within moments of the threshold (sweeps run every 100 ms), not minutes later.
    expect(events[1]!.createdAt.getTime() - events[1]!.at.getTime()).toBeLessThan(2000);
    expect(events[2]!.createdAt.getTime() - events[2]!.at.getTime()).toBeLessThan(2000);

    const quietEvents = await db
      .select()
      .from(serverStatusEvents)
      .where(eq(serverStatusEvents.serverId, quiet.server.id));
    expect(quietEvents.map((e) => e.toStatus)).toEqual(["online"]);

    // A heartbeat brings it back, recorded once.
    await h.call(api, "POST", "/heartbeats", { token, body: h.heartbeat(2) });
    const back = await db
      .select()
      .from(serverStatusEvents)
      .where(eq(serverStatusEvents.serverId, s.server.id));
    expect(back.map((e) => e.toStatus)).toEqual(["online", "late", "offline", "online"]);
    // The next test sweeps with a 60 s interval: these 2 s sweepers must be gone by then.
    await Promise.all(stops.splice(0).map((stop) => stop()));
  });

  it("a server silent for ten minutes while the portal was up gets late and offline at their own times", async () => {
    const s = await h.makeServer();
    const { token } = await h.connect(api, s.serverId, s.password);
    await h.call(api, "POST", "/heartbeats", { token, body: h.heartbeat(1) });
    // As if that heartbeat were ten minutes old, and the portal up and able to receive all along.
    const seen = new Date(Date.now() - 600_000);
    await db.update(servers).set({ lastSeenAt: seen }).where(eq(servers.id, s.server.id));
    await db.update(ingestClock).set({ resumedAt: new Date(seen.getTime() - 3_600_000) });
    await sweepStatuses(db, { heartbeatSeconds: 60 });
    const events = await db
      .select()
      .from(serverStatusEvents)
      .where(eq(serverStatusEvents.serverId, s.server.id))
      .orderBy(asc(serverStatusEvents.at));
    const silence = events.filter((e) => e.reason === "silence");
    expect(silence.map((e) => [e.toStatus, e.at.getTime() - seen.getTime()])).toEqual([
      ["late", 90_000],
      ["offline", 180_000],
    ]);
    // Every server left online here was seen within the last half minute: none is due for 60 s
    // more, which is how long a sweeper may skip its scan.
    const next = await sweepStatuses(db, { heartbeatSeconds: 60 });
    expect(next.changed).toBe(0);
    expect(next.nextDueSeconds).toBeGreaterThan(60);
    expect(next.nextDueSeconds).toBeLessThanOrEqual(90);
  });

  it("a database outage longer than three intervals blames nobody: silence counts from the recovery", {
    timeout: 30_000,
  }, async () => {
    // The sweeping "portal process" reaches PostgreSQL through a proxy that this test cuts.
    const proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
    const pool = new pg.Pool({ connectionString: proxy.via(testDatabase.url!), max: 2 });
    pool.on("error", () => {});
    const portal = drizzle(pool, { schema }) as unknown as typeof db;
    const stop = startStatusSweeper({ intervalMs: 200, heartbeatSeconds: 1, db: portal });
    stops.push(stop);

    const healthy = await Promise.all([h.makeServer(), h.makeServer(), h.makeServer()]);
    const gone = await h.makeServer();
    const sessions = await Promise.all(healthy.map((x) => h.connect(api, x.serverId, x.password)));
    const goneSession = await h.connect(api, gone.serverId, gone.password);
    let seq = 0;
    const beat = (token: string) => h.call(api, "POST", "/heartbeats", { token, body: h.heartbeat(++seq) });
    let sending = true;
    const loop = (async () => {
      while (sending) {
        await Promise.all(sessions.map((x) => beat(x.token)));
        await sleep(300);
      }
    })();
    await beat(goneSession.token);
    await sleep(1000);

    // The database is out of reach for 4 s (more than three 1 s intervals): heartbeats get 503 then.
    sending = false;
    await loop;
    proxy.cut();
    await sleep(4000);
    proxy.restore();
    const recovered = Date.now();
    // The UCServers' next heartbeats arrive within an interval of the recovery.
    await sleep(500);
    sending = true;
    const again = (async () => {
      while (sending) {
        await Promise.all(sessions.map((x) => beat(x.token)));
        await sleep(300);
      }
    })();
    // The one that really went away is judged from the recovery: late after 1.5 s, offline after 3 s.
    await statusReached(gone.server.id, "offline", recovered, 8000);
    sending = false;
    await again;

    const events = await db
      .select()
      .from(schema.serverStatusEvents)
      .where(
        inArray(schema.serverStatusEvents.serverId, [...healthy.map((x) => x.server.id), gone.server.id]),
      )
      .orderBy(asc(schema.serverStatusEvents.at));
    const healthyIds = new Set(healthy.map((x) => x.server.id));
    expect(events.filter((e) => healthyIds.has(e.serverId)).map((e) => e.toStatus)).toEqual([
      "online",
      "online",
      "online",
    ]);
    const goneEvents = events.filter((e) => e.serverId === gone.server.id && e.reason === "silence");
    expect(goneEvents.map((e) => e.toStatus)).toEqual(["late", "offline"]);
    // Dated after the recovery, never inside the outage.
    expect(goneEvents[0]!.at.getTime()).toBeGreaterThanOrEqual(recovered - 500);
    const [clock] = await db.select().from(schema.ingestClock).where(eq(schema.ingestClock.id, 1));
    expect(clock!.resumedAt.getTime()).toBeGreaterThanOrEqual(recovered - 500);

    await stop();
    await proxy.close();
    await pool.end();
  });
});
