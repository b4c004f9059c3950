import { asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { serverHeartbeats, serverSessions, serverStatusEvents, servers } from "@/db/schema";
import { sha256 } from "@/lib/crypto";
import { recordHeartbeat } from "@/lib/heartbeats/record-heartbeat";
import { type HeartbeatInput, writeHeartbeats } from "@/lib/heartbeats/write-heartbeats";
import { db, testDatabase } from "@/tests/setup/db";
import { call, connect, makeServer, servedApi, serverRow } from "./harness";

// Many heartbeats in one statement (group commit): each must come out exactly as if it had been
// written on its own. The batches here are built by hand, so each case is certain to be one batch.

const api = servedApi();

const users = (n: number) => ({ total: n, mobile: n, audioVideo: n });
const hb = (token: string, sequence: number, n = 120, sentAt = new Date()): HeartbeatInput => ({
  token,
  sequence,
  sentAt: sentAt.toISOString(),
  ucserverVersion: `6.4.0.${n}`,
  users: users(n),
  pushDevices: n,
});

/** A server with one live session. */
async function connected() {
  const s = await makeServer();
  const { token } = await connect(api, s.serverId, s.password);
  return { id: s.server.id, token, s };
}

const history = (serverId: string) =>
  db
    .select()
    .from(serverHeartbeats)
    .where(eq(serverHeartbeats.serverId, serverId))
    .orderBy(asc(serverHeartbeats.id));
const events = (serverId: string) =>
  db.select().from(serverStatusEvents).where(eq(serverStatusEvents.serverId, serverId));
const batch = (inputs: HeartbeatInput[]) => writeHeartbeats(db, inputs, { skipLocked: true });

describe("heartbeats written in batches", () => {
  it("records many servers in one statement, each answered with its own licenses version", async () => {
    const many = await Promise.all(Array.from({ length: 12 }, connected));
    const out = await batch(many.map((m, i) => hb(m.token, 1, 100 + i)));
    for (const [i, m] of many.entries()) {
      const row = await serverRow(m.id);
      expect(row).toMatchObject({ status: "online", lastSequence: 1, usersTotal: 100 + i });
      expect(await history(m.id)).toHaveLength(1);
      expect((await events(m.id)).map((e) => `${e.fromStatus}>${e.toStatus}`)).toEqual([
        "never-connected>online",
      ]);
      const licenses = await call(api, "GET", "/licenses", { token: m.token });
      expect(out[i]).toMatchObject({ licensesVersion: licenses.json.version, termsAccepted: false });
    }
    // One statement, one transaction: one receive time for all.
    const received = await db
      .select({ at: serverHeartbeats.receivedAt })
      .from(serverHeartbeats)
      .where(
        inArray(
          serverHeartbeats.serverId,
          many.map((m) => m.id),
        ),
      );
    expect(new Set(received.map((r) => r.at.getTime())).size).toBe(1);
  });

  it("records two sequences of one session in one batch, the newest figures winning in either order", async () => {
    for (const order of [
      [5, 3],
      [3, 5],
    ]) {
      const m = await connected();
      const out = await batch(order.map((seq) => hb(m.token, seq, seq * 10)));
      expect(out.every((o) => o !== null && o !== "retry")).toBe(true);
      expect((await history(m.id)).map((h) => h.sequence)).toEqual(order);
      expect(await serverRow(m.id)).toMatchObject({
        lastSequence: 5,
        usersTotal: 50,
        ucserverVersion: "6.4.0.50",
      });
      expect(await events(m.id)).toHaveLength(1);
    }
  });

  it("records a replay inside a batch once, with the first one's figures, and answers both", async () => {
    const m = await connected();
    await batch([hb(m.token, 1, 10)]);
    const out = await batch([hb(m.token, 2, 20), hb(m.token, 2, 99), hb(m.token, 1, 98)]);
    expect(out).toHaveLength(3);
    for (const o of out) expect(o).toMatchObject({ licensesVersion: expect.any(String) });
    expect((await history(m.id)).map((h) => [h.sequence, h.usersTotal])).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(await serverRow(m.id)).toMatchObject({ lastSequence: 2, usersTotal: 20 });
    expect(await events(m.id)).toHaveLength(1);
  });

  it("answers null for a revoked, expired or unknown token and records the others of the batch", async () => {
    const [a, revoked, expired, b] = await Promise.all(Array.from({ length: 4 }, connected));
    expect((await call(api, "DELETE", "/sessions/current", { token: revoked!.token })).status).toBe(204);
    await db
      .update(serverSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(serverSessions.tokenHash, sha256(expired!.token)));
    const out = await batch([
      hb(a!.token, 1),
      hb(revoked!.token, 1),
      hb("unknown-token-unknown-token-unknown", 1),
      hb(expired!.token, 1),
      hb(b!.token, 1),
    ]);
    expect(out.map((o) => (o === null ? "401" : "ok"))).toEqual(["ok", "401", "401", "401", "ok"]);
    for (const m of [revoked!, expired!]) {
      expect(await history(m.id)).toHaveLength(0);
      expect((await serverRow(m.id)).lastSeenAt).toBeNull();
    }
    for (const m of [a!, b!]) expect((await serverRow(m.id)).status).toBe("online");
  });

  it("takes the figures of the newest session, not of the highest sequence, across sessions in one batch", async () => {
    const m = await connected();
    const newer = await connect(api, m.s.serverId, m.s.password);
    const out = await batch([hb(newer.token, 1, 2), hb(m.token, 100, 1)]);
    expect(out.every((o) => o !== null)).toBe(true);
    const row = await serverRow(m.id);
    expect(row).toMatchObject({ lastSequence: 1, usersTotal: 2 });
    expect(await history(m.id)).toHaveLength(2);
    // Later, an older heartbeat alone still does not move anything back.
    const before = row.lastSeenAt!.getTime();
    await batch([hb(m.token, 101, 3, new Date(Date.now() - 60_000))]);
    const after = await serverRow(m.id);
    expect(after).toMatchObject({ lastSequence: 1, usersTotal: 2 });
    expect(after.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(before);
  });

  it("leaves a disabled server alone and still records the rest of the batch", async () => {
    const [off, on] = await Promise.all([connected(), connected()]);
    // The session survived only through a race with disabling; the row decides.
    await db.update(servers).set({ disabledAt: new Date() }).where(eq(servers.id, off!.id));
    const out = await batch([hb(off!.token, 1), hb(on!.token, 1)]);
    expect(out.every((o) => o !== null && o !== "retry")).toBe(true);
    expect(await serverRow(off!.id)).toMatchObject({ status: "never-connected", lastSeenAt: null });
    expect(await events(off!.id)).toHaveLength(0);
    expect((await serverRow(on!.id)).status).toBe("online");
  });

  it("writes heartbeats that arrive together in one statement", async () => {
    const many = await Promise.all(Array.from({ length: 8 }, connected));
    const out = await Promise.all(many.map((m) => recordHeartbeat(db, hb(m.token, 1))));
    expect(out.every((o) => o !== null)).toBe(true);
    const received = await db
      .select({ at: serverHeartbeats.receivedAt })
      .from(serverHeartbeats)
      .where(
        inArray(
          serverHeartbeats.serverId,
          many.map((m) => m.id),
        ),
      );
    expect(received).toHaveLength(8);
    expect(new Set(received.map((r) => r.at.getTime())).size).toBe(1);
  });

  it("a server locked by another transaction holds up only its own heartbeat", async () => {
    const [locked, free] = await Promise.all([connected(), connected()]);
    const client = await testDatabase.pool!.connect();
    try {
      await client.query("begin");
      await client.query("select 1 from servers where id = $1 for update", [locked!.id]);
      const waiting = recordHeartbeat(db, hb(locked!.token, 1));
      const other = await recordHeartbeat(db, hb(free!.token, 1));
      expect(other).not.toBeNull();
      expect((await serverRow(free!.id)).status).toBe("online");
      let settled = false;
      void waiting.then(() => {
        settled = true;
      });
      await new Promise((r) => setTimeout(r, 200));
      expect(settled).toBe(false);
      await client.query("commit");
      expect(await waiting).not.toBeNull();
    } finally {
      client.release();
    }
    expect(await serverRow(locked!.id)).toMatchObject({ status: "online", lastSequence: 1 });
    expect(await history(locked!.id)).toHaveLength(1);
  });

  it("one heartbeat the database refuses does not fail the others of its batch", async () => {
    const [a, b] = await Promise.all([connected(), connected()]);
    const bad = { ...hb(a!.token, 1), sentAt: "not a time" };
    const results = await Promise.allSettled([
      recordHeartbeat(db, bad),
      recordHeartbeat(db, hb(b!.token, 1)),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled"]);
    expect((await serverRow(b!.id)).status).toBe("online");
    expect(await history(a!.id)).toHaveLength(0);
  });

  it("overlapping batches in any order neither deadlock nor lose or double a heartbeat", async () => {
    const many = await Promise.all(Array.from({ length: 6 }, connected));
    const rounds = 5;
    const batches = Array.from({ length: rounds }, (_, r) => {
      const order = r % 2 === 0 ? many : [...many].reverse();
      return order.map((m) => hb(m.token, r + 1, r + 1));
    });
    // Several batches at once over the same servers, plus single writes that wait for locks.
    const outs = await Promise.all([
      ...batches.map((inputs) => batch(inputs)),
      ...many.map((m) => writeHeartbeats(db, [hb(m.token, 1)], { skipLocked: false })),
    ]);
    const retries = batches.flatMap((inputs, r) => inputs.filter((_, i) => outs[r]![i] === "retry"));
    for (const input of retries) {
      const [o] = await writeHeartbeats(db, [input], { skipLocked: false });
      expect(o).not.toBeNull();
    }
    for (const m of many) {
      expect((await history(m.id)).map((h) => h.sequence).sort()).toEqual([1, 2, 3, 4, 5]);
      expect(await serverRow(m.id)).toMatchObject({ status: "online", lastSequence: 5, usersTotal: 5 });
      expect(await events(m.id)).toHaveLength(1);
    }
  });
});
