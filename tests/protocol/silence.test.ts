import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useOwnDatabase } from "./own-database";

// The sweeper acts on every server in its database: this file has one of its own.
const INTERVAL_S = 2;
let dropDb: () => Promise<void>;
let h: typeof import("./harness");
let api: import("./harness").Api;
const stops: (() => Promise<void>)[] = [];
beforeAll(async () => {
  dropDb = await useOwnDatabase("protocol_silence");
  h = await import("./harness");
  api = await h.startApi();
});
afterAll(async () => {
  await Promise.all(stops.map((stop) => stop()));
  await api?.close();
  await dropDb?.();
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
    const { db } = await import("@/db/client");
    const { serverStatusEvents } = await import("@/db/schema");
    const { asc, eq } = await import("drizzle-orm");
    const { startStatusSweeper } = await import("@/lib/heartbeats/status-sweeper");
    const { sweepStatuses } = await import("@/lib/heartbeats/sweep-statuses");

    const s = await h.makeServer();
    const quiet = await h.makeServer();
    const { token } = await h.connect(api, s.serverId, s.password);
    const other = await h.connect(api, quiet.serverId, quiet.password);
    // Three "portal processes" sweeping every 100 ms with a 2 s heartbeat interval.
    for (let i = 0; i < 3; i++)
      stops.push(startStatusSweeper({ intervalMs: 100, heartbeatSeconds: INTERVAL_S }));

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

  it("a sweep after a long pause records both late and offline at their own times", async () => {
    const { db } = await import("@/db/client");
    const { serverStatusEvents, servers } = await import("@/db/schema");
    const { asc, eq } = await import("drizzle-orm");
    const { sweepStatuses } = await import("@/lib/heartbeats/sweep-statuses");
    const s = await h.makeServer();
    const { token } = await h.connect(api, s.serverId, s.password);
    await h.call(api, "POST", "/heartbeats", { token, body: h.heartbeat(1) });
    // As if the portal had been down for ten minutes since that heartbeat.
    const seen = new Date(Date.now() - 600_000);
    await db.update(servers).set({ lastSeenAt: seen }).where(eq(servers.id, s.server.id));
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
});
