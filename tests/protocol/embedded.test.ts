import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Without DATABASE_URL the portal runs on embedded PGlite: the hand-written heartbeat and sweep
// statements must work there too. Set before lib/env.ts is first read.
const dataDir = mkdtempSync(path.join(tmpdir(), "protocol-pglite-"));
delete process.env.DATABASE_URL;
process.env.DATA_DIR = dataDir;

let h: typeof import("./harness");
let api: import("./harness").Api;
beforeAll(async () => {
  const { migrateDb } = await import("@/db/migrate");
  await migrateDb();
  h = await import("./harness");
  api = await h.startApi();
});
afterAll(async () => {
  await api?.close();
  const { closeDb } = await import("@/db/client");
  await closeDb();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("the protocol on the embedded database", () => {
  it("runs trial, session, heartbeats, licenses and the sweeper", async () => {
    const { handle, db } = await import("@/db/client");
    expect(handle().kind).toBe("pglite");
    const trial = await h.call(api, "POST", "/trials", {
      body: { ucserverVersion: "6.4.0.1234", serverName: "Lokal" },
      ip: h.randomIp(),
    });
    expect(trial.status).toBe(201);
    const { token } = await h.connect(api, String(trial.json.serverId), String(trial.json.password));
    const body = h.heartbeat(1);
    const first = await h.call(api, "POST", "/heartbeats", { token, body });
    const replay = await h.call(api, "POST", "/heartbeats", { token, body });
    expect([first.status, replay.status]).toEqual([200, 200]);
    const lic = await h.call(api, "GET", "/licenses", { token });
    expect(lic.json.version).toBe(first.json.licensesVersion);
    const again = await h.call(api, "GET", "/licenses", {
      token,
      headers: { "if-none-match": lic.headers.get("etag")! },
    });
    expect(again.status).toBe(304);

    const { sweepStatuses } = await import("@/lib/heartbeats/sweep-statuses");
    const { serverHeartbeats, serverStatusEvents, servers } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const code = String(trial.json.serverId).replace(/-/g, "");
    const [server] = await db.select().from(servers).where(eq(servers.code, code));
    await db
      .update(servers)
      .set({ lastSeenAt: new Date(Date.now() - 3600_000) })
      .where(eq(servers.id, server!.id));
    expect(await sweepStatuses(db, { heartbeatSeconds: 60 })).toMatchObject({ changed: 1, events: 2 });
    const events = await db
      .select()
      .from(serverStatusEvents)
      .where(eq(serverStatusEvents.serverId, server!.id));
    expect(events.map((e) => e.toStatus)).toEqual(["online", "late", "offline"]);
    expect(
      await db.select().from(serverHeartbeats).where(eq(serverHeartbeats.serverId, server!.id)),
    ).toHaveLength(1);
  });
});
