import { afterAll, describe, expect, it } from "vitest";
import { serverStatusEvents } from "@/db/schema";
import { createDbListener } from "@/lib/live/db-listener";
import { createServerStatusFeed, type StatusEvent } from "@/lib/live/server-status-feed";
import { registerServer } from "@/lib/servers/register-server";
import { db, testDatabase } from "@/tests/setup/db";
import { makeOrgWithPeople } from "@/tests/setup/factories";

// This process's listener and status feed, as the portal builds them (lib/server/portal.ts).
const listener = createDbListener(testDatabase);
const feed = createServerStatusFeed(listener);
afterAll(async () => {
  feed.close();
  await listener.close();
});

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
};

describe("live status fan-out", () => {
  it("delivers a status change to its organisation's subscribers only", async () => {
    const a = await makeOrgWithPeople();
    const b = await makeOrgWithPeople();
    const got: Record<"a" | "b", StatusEvent[]> = { a: [], b: [] };
    const offA = feed.subscribe(a.org.id, (e) => got.a.push(e));
    const offB = feed.subscribe(b.org.id, (e) => got.b.push(e));
    await feed.ready();
    const { id } = await registerServer(db, a.owner.actor, { name: "Live" });
    await db.insert(serverStatusEvents).values({
      serverId: id,
      fromStatus: "never-connected",
      toStatus: "online",
      at: new Date(),
      reason: "heartbeat",
    });
    await until(() => got.a.length > 0);
    expect(got.a).toEqual([
      expect.objectContaining({ serverId: id, status: "online", organisationId: a.org.id }),
    ]);

    // A second subscriber of B sees B's change; A's subscriber does not.
    const { id: idB } = await registerServer(db, b.owner.actor, { name: "Live B" });
    await db.insert(serverStatusEvents).values({
      serverId: idB,
      fromStatus: "online",
      toStatus: "offline",
      at: new Date(),
      reason: "silence",
    });
    await until(() => got.b.length > 0);
    expect(got.b.map((e) => e.serverId)).toEqual([idB]);
    expect(got.a.map((e) => e.serverId)).toEqual([id]);

    // Once unsubscribed, A's first subscriber hears nothing more. A second subscriber of A receiving
    // the same change proves it was fanned out to A (one dispatch call reaches every subscriber).
    offA();
    const witness: StatusEvent[] = [];
    const offWitness = feed.subscribe(a.org.id, (e) => witness.push(e));
    await db
      .insert(serverStatusEvents)
      .values({ serverId: id, fromStatus: "online", toStatus: "late", at: new Date(), reason: "silence" });
    await until(() => witness.length > 0);
    expect(witness).toEqual([expect.objectContaining({ serverId: id, status: "late" })]);
    expect(got.a).toHaveLength(1);
    offWitness();
    offB();
  });
});
