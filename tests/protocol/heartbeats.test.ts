import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { serverHeartbeats, serverStatusEvents } from "@/db/schema";
import { db } from "@/tests/setup/db";
import { call, connect, heartbeat, makeServer, servedApi, serverRow } from "./harness";

const api = servedApi();

const history = (serverId: string) =>
  db
    .select()
    .from(serverHeartbeats)
    .where(eq(serverHeartbeats.serverId, serverId))
    .orderBy(asc(serverHeartbeats.id));
const events = (serverId: string) =>
  db
    .select()
    .from(serverStatusEvents)
    .where(eq(serverStatusEvents.serverId, serverId))
    .orderBy(asc(serverStatusEvents.id));

describe("POST /heartbeats", () => {
  it("records the reported figures and marks the server online once", async () => {
    const s = await makeServer();
    expect((await serverRow(s.server.id)).status).toBe("never-connected");
    const { token } = await connect(api, s.serverId, s.password);
    const before = Date.now();
    const res = await call(api, "POST", "/heartbeats", { token, body: heartbeat(1) });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual([
      "licensesVersion",
      "nextHeartbeatSeconds",
      "receivedAt",
      "termsAccepted",
    ]);
    expect(Date.parse(String(res.json.receivedAt))).toBeGreaterThanOrEqual(before - 1000);
    await call(api, "POST", "/heartbeats", {
      token,
      body: heartbeat(2, { users: { total: 130, mobile: 40, audioVideo: 12 } }),
    });
    const row = await serverRow(s.server.id);
    expect(row).toMatchObject({
      status: "online",
      usersTotal: 130,
      usersMobile: 40,
      usersAudioVideo: 12,
      pushDevices: 41,
      ucserverVersion: "6.4.0.1234",
      lastSequence: 2,
    });
    expect((await events(s.server.id)).map((e) => `${e.fromStatus}>${e.toStatus}`)).toEqual([
      "never-connected>online",
    ]);
    expect(await history(s.server.id)).toHaveLength(2);
  });

  it("answers a replayed sequence with 200 and records it once", async () => {
    const s = await makeServer();
    const { token } = await connect(api, s.serverId, s.password);
    const body = heartbeat(7);
    const first = await call(api, "POST", "/heartbeats", { token, body });
    const again = await call(api, "POST", "/heartbeats", {
      token,
      body: { ...body, users: { total: 1, mobile: 1, audioVideo: 1 } },
    });
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.json.licensesVersion).toBe(first.json.licensesVersion);
    expect(await history(s.server.id)).toHaveLength(1);
    expect((await serverRow(s.server.id)).usersTotal).toBe(120);
    // The same sequence in a new session is a new heartbeat.
    const second = await connect(api, s.serverId, s.password);
    await call(api, "POST", "/heartbeats", { token: second.token, body });
    expect(await history(s.server.id)).toHaveLength(2);
  });

  it("answers parallel replays of one sequence with 200 and records it once", async () => {
    const s = await makeServer();
    const { token } = await connect(api, s.serverId, s.password);
    const body = heartbeat(1);
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => call(api, "POST", "/heartbeats", { token, body })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    expect(await history(s.server.id)).toHaveLength(1);
    expect(await events(s.server.id)).toHaveLength(1);
  });

  it("never lets an older heartbeat move last seen back or overwrite newer figures", async () => {
    const s = await makeServer();
    const { token } = await connect(api, s.serverId, s.password);
    const now = Date.now();
    await call(api, "POST", "/heartbeats", {
      token,
      body: heartbeat(10, {
        sentAt: new Date(now).toISOString(),
        users: { total: 100, mobile: 10, audioVideo: 1 },
      }),
    });
    const afterNewest = await serverRow(s.server.id);
    // Delayed on the way: sequence 9 arrives after 10.
    const late = await call(api, "POST", "/heartbeats", {
      token,
      body: heartbeat(9, {
        sentAt: new Date(now - 60_000).toISOString(),
        users: { total: 5, mobile: 5, audioVideo: 5 },
      }),
    });
    expect(late.status).toBe(200);
    const row = await serverRow(s.server.id);
    expect(row.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(afterNewest.lastSeenAt!.getTime());
    expect(row.lastSequence).toBe(10);
    expect(row.lastSentAt!.getTime()).toBe(afterNewest.lastSentAt!.getTime());
    expect(row.usersTotal).toBe(100);
    // Both are history, in the order they arrived.
    expect((await history(s.server.id)).map((h) => h.sequence)).toEqual([10, 9]);
  });

  it("keeps the server's clock skew with each heartbeat", async () => {
    const s = await makeServer();
    const { token } = await connect(api, s.serverId, s.password);
    const sentAt = new Date(Date.now() - 10 * 60_000).toISOString().replace("Z", "+00:00");
    await call(api, "POST", "/heartbeats", { token, body: heartbeat(1, { sentAt }) });
    const [h] = await history(s.server.id);
    expect(h!.sentAt.toISOString()).toBe(new Date(sentAt).toISOString());
    expect(h!.clockSkewMs).toBeLessThan(-9 * 60_000);
    expect((await serverRow(s.server.id)).clockSkewMs).toBe(h!.clockSkewMs);
  });

  it("records offline when the session is ended, and online again on the next session", async () => {
    const s = await makeServer();
    const a = await connect(api, s.serverId, s.password);
    await call(api, "POST", "/heartbeats", { token: a.token, body: heartbeat(1) });
    await call(api, "DELETE", "/sessions/current", { token: a.token });
    const b = await connect(api, s.serverId, s.password);
    await call(api, "POST", "/heartbeats", { token: b.token, body: heartbeat(1) });
    const ev = await events(s.server.id);
    expect(ev.map((e) => `${e.fromStatus}>${e.toStatus}:${e.reason}`)).toEqual([
      "never-connected>online:heartbeat",
      "online>offline:session-ended",
      "offline>online:heartbeat",
    ]);
    for (let i = 1; i < ev.length; i++)
      expect(ev[i]!.at.getTime()).toBeGreaterThanOrEqual(ev[i - 1]!.at.getTime());
  });

  it("a session ended without heartbeats leaves a never-connected server as it is", async () => {
    const s = await makeServer();
    const { token } = await connect(api, s.serverId, s.password);
    expect((await call(api, "DELETE", "/sessions/current", { token })).status).toBe(204);
    expect((await serverRow(s.server.id)).status).toBe("never-connected");
    expect(await events(s.server.id)).toHaveLength(0);
  });
});
