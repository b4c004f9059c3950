import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, licenses, serverStatusEvents, servers } from "@/db/schema";
import { deleteServer } from "@/lib/servers/delete-server";
import { getServerOverview } from "@/lib/servers/get-server-overview";
import { listServers } from "@/lib/servers/list-servers";
import { registerServer } from "@/lib/servers/register-server";
import { renameServer } from "@/lib/servers/rename-server";
import { searchServers } from "@/lib/servers/search-servers";
import { serverUptime } from "@/lib/servers/server-uptime";
import { setServerDisabled } from "@/lib/servers/set-server-disabled";
import { db } from "@/tests/setup/db";
import { makeOrgWithPeople } from "@/tests/setup/factories";
import { call, connect, heartbeat, makeServer, randomIp, servedApi, serverRow } from "../protocol/harness";

const api = servedApi();

async function fleet() {
  const people = await makeOrgWithPeople();
  const made: Record<string, Awaited<ReturnType<typeof makeServer>>> = {};
  for (const [name, products] of [
    ["Zentrale Berlin", { "ucconnect-base": 1, "mobile-users": 2 }],
    ["Filiale Hamburg", undefined],
    ["Aachen Lab", undefined],
  ] as const) {
    const s = await makeServer({ organisationId: people.org.id, products });
    await db.update(servers).set({ name }).where(eq(servers.id, s.server.id));
    made[name] = s;
  }
  await db
    .update(servers)
    .set({ status: "online", lastSeenAt: new Date(), usersMobile: 12, usersAudioVideo: 3, usersTotal: 40 })
    .where(eq(servers.id, made["Filiale Hamburg"]!.server.id));
  await db
    .update(servers)
    .set({ status: "offline", lastSeenAt: new Date(Date.now() - 3_600_000) })
    .where(eq(servers.id, made["Aachen Lab"]!.server.id));
  return { people, made };
}

describe("servers list", () => {
  it("searches by name or Server-ID in any spelling, filters, sorts and pages", async () => {
    const { people, made } = await fleet();
    const actor = people.member.actor;
    const all = await searchServers(db, actor, {});
    expect(all.rows.map((r) => r.name)).toEqual(["Aachen Lab", "Filiale Hamburg", "Zentrale Berlin"]);
    expect(all.total).toBe(3);

    const berlin = all.rows.find((r) => r.name === "Zentrale Berlin")!;
    expect(berlin.mode).toBe("licensed");
    expect(berlin.entitled.mobile).toBeGreaterThan(0);
    expect(all.rows.find((r) => r.name === "Aachen Lab")!.mode).toBe("unlicensed");

    const code = made["Filiale Hamburg"]!.serverId;
    const spelled = ` ${code.toLowerCase().replace(/-/g, " ")} `;
    expect((await searchServers(db, actor, { q: spelled })).rows.map((r) => r.name)).toEqual([
      "Filiale Hamburg",
    ]);
    expect((await searchServers(db, actor, { q: "BERLIN" })).rows.map((r) => r.name)).toEqual([
      "Zentrale Berlin",
    ]);
    // LIKE wildcards typed by a user are matched literally.
    expect((await searchServers(db, actor, { q: "%" })).total).toBe(0);

    expect((await searchServers(db, actor, { status: "online" })).rows.map((r) => r.name)).toEqual([
      "Filiale Hamburg",
    ]);
    const licensed = await searchServers(db, actor, { mode: "licensed" });
    expect(licensed.rows.map((r) => r.name)).toEqual(["Zentrale Berlin"]);
    expect(licensed.total).toBe(1);
    expect((await searchServers(db, actor, { mode: "unlicensed" })).total).toBe(2);

    expect((await searchServers(db, actor, { sort: "status" })).rows.map((r) => r.name)).toEqual([
      "Aachen Lab",
      "Filiale Hamburg",
      "Zentrale Berlin",
    ]);
    expect((await searchServers(db, actor, { sort: "lastSeen" })).rows.map((r) => r.name)).toEqual([
      "Filiale Hamburg",
      "Aachen Lab",
      "Zentrale Berlin",
    ]);
    const hamburg = (await searchServers(db, actor, { q: "hamburg" })).rows[0]!;
    expect(hamburg.users).toEqual({ total: 40, mobile: 12, audioVideo: 3 });

    // Malformed params fall back to defaults instead of failing.
    const odd = await searchServers(db, actor, { sort: "drop table", page: "-3", status: "nope" });
    expect(odd.rows).toHaveLength(3);
    expect(odd.page).toBe(1);
  });

  it("pages by 50 without gaps or repeats", async () => {
    const people = await makeOrgWithPeople();
    const values = Array.from({ length: 120 }, (_, i) => ({
      code: `P${String(i).padStart(3, "0")}${people.org.id.replace(/-/g, "").slice(0, 8).toUpperCase()}`,
      name: `Server ${String(i % 7)}`,
      origin: "portal" as const,
      passwordHash: "x",
      organisationId: people.org.id,
    }));
    await db.insert(servers).values(values);
    const seen = new Set<string>();
    for (let page = 1; page <= 3; page++) {
      const p = await searchServers(db, people.member.actor, { page: String(page) });
      expect(p.total).toBe(120);
      expect(p.pageCount).toBe(3);
      for (const r of p.rows) seen.add(r.id);
      expect(p.rows).toHaveLength(page === 3 ? 20 : 50);
    }
    expect(seen.size).toBe(120);
  });
});

describe("server actions", () => {
  it("a member is refused; another organisation's id is not found and nothing changes", async () => {
    const { people, made } = await fleet();
    const other = await makeOrgWithPeople();
    const target = made["Zentrale Berlin"]!;
    await expect(
      renameServer(db, people.member.actor, { server: target.server.id, name: "X" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    await expect(
      deleteServer(db, people.member.actor, { server: target.server.id, confirmName: "Zentrale Berlin" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    for (const run of [
      () => renameServer(db, other.owner.actor, { server: target.server.id, name: "Taken" }),
      () => deleteServer(db, other.owner.actor, { server: target.serverId, confirmName: "Zentrale Berlin" }),
      () => setServerDisabled(db, other.owner.actor, { server: target.server.id, disabled: true }),
      () => getServerOverview(db, other.owner.actor, { server: target.server.id }),
    ]) {
      await expect(run()).rejects.toMatchObject({ code: "not-found" });
    }
    const row = await serverRow(target.server.id);
    expect(row.name).toBe("Zentrale Berlin");
    expect(row.deletedAt).toBeNull();
    expect(row.disabledAt).toBeNull();

    await renameServer(db, people.admin.actor, { server: target.serverId, name: "Zentrale Berlin-Mitte" });
    expect((await serverRow(target.server.id)).name).toBe("Zentrale Berlin-Mitte");
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetId, target.server.id));
    expect(audit.map((a) => a.action)).toContain("server.renamed");
  });

  it("deleting asks for the name, then the server is unknown to the protocol, hidden, and its licenses unassigned", async () => {
    const people = await makeOrgWithPeople();
    const made = await makeServer({
      organisationId: people.org.id,
      products: { "mobile-users": 3 },
      acceptTerms: true,
    });
    const ip = randomIp();
    const { token } = await connect(api, made.serverId, made.password, ip);
    expect((await call(api, "POST", "/heartbeats", { token, body: heartbeat(1) })).status).toBe(200);
    const before = await db.select().from(licenses).where(eq(licenses.serverId, made.server.id));
    const shown = await getServerOverview(db, people.member.actor, { server: made.server.id });
    expect(shown.productNames[shown.licenses.licenses[0]!.product]).toEqual({
      de: "Mobile Benutzer",
      en: "Mobile users",
    });

    await expect(
      deleteServer(db, people.admin.actor, { server: made.server.id, confirmName: "wrong" }),
    ).rejects.toMatchObject({ code: "validation" });
    expect((await serverRow(made.server.id)).deletedAt).toBeNull();

    const name = (await serverRow(made.server.id)).name;
    const done = await deleteServer(db, people.admin.actor, { server: made.server.id, confirmName: name });
    expect(done.unassignedLicenses).toBe(1);

    expect((await call(api, "POST", "/heartbeats", { token, body: heartbeat(2) })).status).toBe(401);
    const again = await call(api, "POST", "/sessions", {
      body: { serverId: made.serverId, password: made.password, ucserverVersion: "6.4.0.1234" },
      ip,
    });
    expect(again.status).toBe(401);

    expect((await searchServers(db, people.owner.actor, { q: made.serverId })).total).toBe(0);
    expect((await listServers(db, people.owner.actor)).map((s) => s.id)).not.toContain(made.server.id);
    await expect(getServerOverview(db, people.owner.actor, { server: made.server.id })).rejects.toMatchObject(
      {
        code: "not-found",
      },
    );
    const [lic] = await db.select().from(licenses).where(eq(licenses.id, before[0]!.id));
    expect(lic!.serverId).toBeNull();
    expect(lic!.organisationId).toBe(people.org.id);
    expect(lic!.revision).toBe(before[0]!.revision + 1);
    const row = await serverRow(made.server.id);
    expect(row.disabledAt).not.toBeNull();
    expect(row.status).toBe("offline");
  });
});

describe("uptime", () => {
  it("adds up the connected stretches of each window from a constructed history", async () => {
    const people = await makeOrgWithPeople();
    const { id } = await registerServer(db, people.owner.actor, { name: "Uptime" });
    const now = new Date("2026-06-30T12:00:00.000Z");
    const h = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
    await db
      .update(servers)
      .set({ createdAt: h(20 * 24) })
      .where(eq(servers.id, id));
    // Connected from 10 days ago; offline 6 h (48 h → 42 h ago); late 1 h; offline for the last 3 h.
    await db.insert(serverStatusEvents).values([
      { serverId: id, fromStatus: "never-connected", toStatus: "online", at: h(240), reason: "heartbeat" },
      { serverId: id, fromStatus: "online", toStatus: "offline", at: h(48), reason: "silence" },
      { serverId: id, fromStatus: "offline", toStatus: "online", at: h(42), reason: "heartbeat" },
      { serverId: id, fromStatus: "online", toStatus: "late", at: h(10), reason: "silence" },
      { serverId: id, fromStatus: "late", toStatus: "online", at: h(9), reason: "heartbeat" },
      { serverId: id, fromStatus: "online", toStatus: "offline", at: h(3), reason: "silence" },
    ]);
    const up = await serverUptime(db, { id }, now);
    expect(up["24h"]).toBeCloseTo(21 / 24, 6);
    expect(up["7d"]).toBeCloseTo((168 - 6 - 3) / 168, 6);
    // Registered 20 days ago, the server first connected 10 days ago: the 30-day window starts then.
    expect(up["30d"]).toBeCloseTo((240 - 6 - 3) / 240, 6);

    const { id: fresh } = await registerServer(db, people.owner.actor, { name: "Never" });
    const none = await serverUptime(db, { id: fresh });
    expect(none).toEqual({ "24h": null, "7d": null, "30d": null });
  });
});
