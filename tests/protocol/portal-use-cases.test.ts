import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { licenses, serverStatusEvents } from "@/db/schema";
import { getServerHistory } from "@/lib/heartbeats/get-server-history";
import { addLicense } from "@/lib/licenses/add-license";
import { listOrgLicenses } from "@/lib/licenses/list-org-licenses";
import { revokeLicense } from "@/lib/licenses/revoke-license";
import { listServers } from "@/lib/servers/list-servers";
import { registerServer } from "@/lib/servers/register-server";
import { acceptTermsInPortal } from "@/lib/terms/accept-terms-in-portal";
import { listOrgTerms } from "@/lib/terms/list-org-terms";
import { listTermsDocuments } from "@/lib/terms/list-terms-documents";
import { startTrialForProspect } from "@/lib/trials/start-trial-for-prospect";
import { nextUcserverHandler } from "@/lib/ucserver/http/next-route";
import { db } from "@/tests/setup/db";
import { actorFor, makeOrgWithPeople, makeUser } from "@/tests/setup/factories";
import { type Api, call, connect, heartbeat, makeServer, startApi } from "./harness";

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

describe("licenses entered by staff", () => {
  it("a bought license replaces the trial and changes licensesVersion", async () => {
    const sales = await actorFor(await makeUser({ staff: ["sales"] }));
    const started = await startTrialForProspect(db, sales, {
      company: "Interessent GmbH",
      contactName: "Iris Interessent",
      contactEmail: "it@prospect.example",
      locale: "de",
      preRegister: true,
    });
    const prospect = started.server!;
    const { token, server } = await connect(api, prospect.serverId, prospect.password);
    expect((server as { mode: string }).mode).toBe("trial");
    const before = await call(api, "GET", "/licenses", { token });

    const people = await makeOrgWithPeople();
    await expect(
      addLicense(db, people.owner.actor, {
        server: prospect.serverId,
        product: "mobile-users",
        quantity: 50,
      }),
    ).rejects.toMatchObject({ code: "not-found" });
    const { id } = await addLicense(db, sales, {
      server: prospect.serverId,
      product: "mobile-users",
      quantity: 50,
    });

    const after = await call(api, "GET", "/licenses", {
      token,
      headers: { "if-none-match": before.headers.get("etag")! },
    });
    expect(after.status).toBe(200);
    const list = after.json.licenses as {
      product: string;
      status: string;
      trial: boolean;
      quantity: number;
    }[];
    expect(list.filter((l) => l.trial).every((l) => l.status === "revoked")).toBe(true);
    expect(list.filter((l) => !l.trial)).toEqual([
      expect.objectContaining({ product: "mobile-users", quantity: 50, status: "active" }),
    ]);
    expect(after.json.entitlements).toEqual({
      mobileUsers: 50,
      audioVideoUsers: 0,
      push: false,
      turn: false,
    });
    const session = await connect(api, prospect.serverId, prospect.password);
    expect((session.server as { mode: string }).mode).toBe("licensed");

    await revokeLicense(db, sales, { licenseId: id });
    const revoked = await call(api, "GET", "/licenses", { token });
    expect(revoked.json.version).not.toBe(after.json.version);
    expect((revoked.json.entitlements as { mobileUsers: number }).mobileUsers).toBe(0);
    const [row] = await db
      .select()
      .from(licenses)
      .where(and(eq(licenses.id, id)));
    expect(row!.revokedAt).not.toBeNull();
  });
});

describe("what the portal shows about servers", () => {
  it("lists only the organisation's servers, with status and figures", async () => {
    const people = await makeOrgWithPeople();
    const other = await makeOrgWithPeople();
    const mine = await registerServer(db, people.admin.actor, { name: "Zentrale" });
    await makeServer({ organisationId: other.org.id });
    const { token } = await connect(api, mine.serverId, mine.password);
    await call(api, "POST", "/heartbeats", {
      token,
      body: heartbeat(1, { sentAt: new Date(Date.now() + 10 * 60_000).toISOString() }),
    });
    const list = await listServers(db, people.member.actor);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      serverId: mine.serverId,
      name: "Zentrale",
      status: "online",
      users: { total: 120, mobile: 35, audioVideo: 10 },
      clockSkewSuspect: true,
    });
    await expect(getServerHistory(db, other.owner.actor, { server: mine.id })).rejects.toMatchObject({
      code: "not-found",
    });
  });

  it("computes uptime over a window from the status events", async () => {
    const people = await makeOrgWithPeople();
    const s = await makeServer({ organisationId: people.org.id });
    const t0 = new Date("2026-01-01T00:00:00Z").getTime();
    const at = (min: number) => new Date(t0 + min * 60_000);
    await db.insert(serverStatusEvents).values([
      {
        serverId: s.server.id,
        fromStatus: "never-connected",
        toStatus: "online",
        at: at(10),
        reason: "heartbeat",
      },
      { serverId: s.server.id, fromStatus: "online", toStatus: "late", at: at(40), reason: "silence" },
      { serverId: s.server.id, fromStatus: "late", toStatus: "offline", at: at(50), reason: "silence" },
      { serverId: s.server.id, fromStatus: "offline", toStatus: "online", at: at(80), reason: "heartbeat" },
    ]);
    const h = await getServerHistory(db, people.member.actor, {
      server: s.serverId,
      from: at(0),
      to: at(100),
    });
    expect(h.events.map((e) => e.to)).toEqual(["online", "late", "offline", "online"]);
    // Connected 10–50 and 80–100: 60 of 100 minutes.
    expect(h.uptime).toBeCloseTo(0.6, 6);
    const later = await getServerHistory(db, people.member.actor, {
      server: s.server.id,
      from: at(45),
      to: at(95),
    });
    expect(later.uptime).toBeCloseTo(20 / 50, 6);
  });
});

describe("terms and licenses as the portal shows them", () => {
  it("shows the organisation's consent per current document, and its servers' licenses", async () => {
    const people = await makeOrgWithPeople();
    const other = await makeOrgWithPeople();
    const before = await listOrgTerms(db, people.member.actor);
    expect(before.map((t) => t.kind).sort()).toEqual([
      "data-processing-agreement",
      "license-terms",
      "privacy-policy",
    ]);
    expect(before.every((t) => t.acceptance === null)).toBe(true);
    const privacy = before.find((t) => t.kind === "privacy-policy")!;
    await acceptTermsInPortal(db, people.owner.actor, {
      accept: [{ kind: privacy.kind, version: privacy.version }],
    });
    const after = await listOrgTerms(db, people.member.actor);
    expect(after.find((t) => t.kind === "privacy-policy")!.acceptance?.acceptedBy).toBe(people.owner.email);
    expect(after.find((t) => t.kind === "license-terms")!.acceptance).toBeNull();
    expect((await listOrgTerms(db, other.member.actor)).every((t) => t.acceptance === null)).toBe(true);

    await makeServer({ organisationId: people.org.id, products: { "mobile-users": 5, "ucconnect-base": 1 } });
    await makeServer({ organisationId: other.org.id, products: { "mobile-users": 7 } });
    const mine = await listOrgLicenses(db, people.member.actor);
    expect(mine.map((l) => `${l.product}:${l.quantity}:${l.status}`).sort()).toEqual([
      "mobile-users:5:active",
      "ucconnect-base:1:active",
    ]);

    await expect(listTermsDocuments(db, people.owner.actor)).rejects.toMatchObject({ code: "not-found" });
    const operator = await actorFor(await makeUser({ staff: ["operator"] }));
    expect((await listTermsDocuments(db, operator)).length).toBeGreaterThanOrEqual(3);
  });
});

describe("the Next route handler adapter", () => {
  it("serves the same protocol, body limit included", async () => {
    const s = await makeServer();
    const { token } = await connect(api, s.serverId, s.password);
    const url = "http://127.0.0.1/api/v1/ucserver/heartbeats";
    const ok = await nextUcserverHandler(
      new Request(url, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "x-portal-client-ip": "10.0.0.1" },
        body: JSON.stringify(heartbeat(1)),
      }),
    );
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { termsAccepted: boolean }).termsAccepted).toBe(false);
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode("x".repeat(4096)));
        controller.close();
      },
    });
    const big = await nextUcserverHandler(
      new Request(url, {
        method: "POST",
        headers: { authorization: `Bearer ${token}` },
        body: chunks,
        duplex: "half",
      } as RequestInit),
    );
    expect(big.status).toBe(413);
    expect(big.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  });
});
