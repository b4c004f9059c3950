import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type ServerStatus, serverStatusEvents, servers } from "@/db/schema";
import { getServerOverview } from "@/lib/servers/get-server-overview";
import { registerServer } from "@/lib/servers/register-server";
import { serverUptime } from "@/lib/servers/server-uptime";
import { db } from "@/tests/setup/db";
import { makeOrgWithPeople } from "@/tests/setup/factories";

const MIN = 60_000;
const now = new Date("2026-07-01T12:00:00.000Z");
const ago = (minutes: number) => new Date(now.getTime() - minutes * MIN);

/** A registered server created at `createdAt`, with the given status changes, as its database row. */
async function serverWithHistory(
  createdAt: Date,
  changes: { from: ServerStatus; to: ServerStatus; at: Date }[],
) {
  const people = await makeOrgWithPeople();
  const { id } = await registerServer(db, people.owner.actor, { name: "Uptime" });
  await db.update(servers).set({ createdAt }).where(eq(servers.id, id));
  if (changes.length > 0) {
    await db.insert(serverStatusEvents).values(
      changes.map((c) => ({
        serverId: id,
        fromStatus: c.from,
        toStatus: c.to,
        at: c.at,
        reason: c.to === "online" ? "heartbeat" : "silence",
      })),
    );
  }
  const [row] = await db.select().from(servers).where(eq(servers.id, id));
  return { server: row!, actor: people.owner.actor };
}

describe("uptime counts from the first connection", () => {
  it("is 100 % for a server online ever since its first heartbeat, however long it waited before", async () => {
    const { server } = await serverWithHistory(ago(10), [
      { from: "never-connected", to: "online", at: ago(1) },
    ]);
    expect(await serverUptime(db, server, now)).toEqual({ "24h": 1, "7d": 1, "30d": 1 });
  });

  it("shows the same 100 % on the server page", async () => {
    const created = new Date(Date.now() - 10 * MIN);
    const { server, actor } = await serverWithHistory(created, [
      { from: "never-connected", to: "online", at: new Date(Date.now() - MIN) },
    ]);
    expect((await getServerOverview(db, actor, { server: server.id })).uptime).toEqual({
      "24h": 1,
      "7d": 1,
      "30d": 1,
    });
  });

  it("is 50 % for 30 minutes online and 30 offline since the first connection", async () => {
    const { server } = await serverWithHistory(ago(3 * 60), [
      { from: "never-connected", to: "online", at: ago(60) },
      { from: "online", to: "offline", at: ago(30) },
    ]);
    const up = await serverUptime(db, server, now);
    expect(up["24h"]).toBeCloseTo(0.5, 9);
    expect(up["7d"]).toBeCloseTo(0.5, 9);
    expect(up["30d"]).toBeCloseTo(0.5, 9);
  });

  it("counts late as connected and leaves every stretch offline out", async () => {
    // Connected 90 to 50 minutes ago (online, then late) and for the last 20: 60 of 90 minutes.
    const { server } = await serverWithHistory(ago(3 * 60), [
      { from: "never-connected", to: "online", at: ago(90) },
      { from: "online", to: "late", at: ago(60) },
      { from: "late", to: "offline", at: ago(50) },
      { from: "offline", to: "online", at: ago(20) },
    ]);
    const up = await serverUptime(db, server, now);
    expect(up["24h"]).toBeCloseTo(60 / 90, 9);
    expect(up["30d"]).toBeCloseTo(60 / 90, 9);
  });

  it("counts a window only from the first connection when that came within it", async () => {
    // Registered 40 days ago, first connected 3 days ago, offline for the last 12 hours.
    const { server } = await serverWithHistory(ago(40 * 24 * 60), [
      { from: "never-connected", to: "online", at: ago(3 * 24 * 60) },
      { from: "online", to: "offline", at: ago(12 * 60) },
    ]);
    const up = await serverUptime(db, server, now);
    expect(up["24h"]).toBeCloseTo(12 / 24, 9);
    expect(up["7d"]).toBeCloseTo(60 / 72, 9);
    expect(up["30d"]).toBeCloseTo(60 / 72, 9);
  });

  it("has no figure before the first connection", async () => {
    const never = await serverWithHistory(ago(10), []);
    expect(await serverUptime(db, never.server, now)).toEqual({ "24h": null, "7d": null, "30d": null });
    // Asked about a moment before it first connected, there is nothing to count yet either.
    const later = await serverWithHistory(ago(10), [{ from: "never-connected", to: "online", at: ago(1) }]);
    expect(await serverUptime(db, later.server, ago(2))).toEqual({ "24h": null, "7d": null, "30d": null });
  });
});
