import { describe, expect, it } from "vitest";
import { licensesOverview } from "@/lib/licenses/licenses-overview";
import { getServerOverview } from "@/lib/servers/get-server-overview";
import { listServers } from "@/lib/servers/list-servers";
import { registerServer } from "@/lib/servers/register-server";
import { acceptTermsInPortal } from "@/lib/terms/accept-terms-in-portal";
import { listOrgTerms } from "@/lib/terms/list-org-terms";
import { listTermsDocuments } from "@/lib/terms/list-terms-documents";
import { nextUcserverHandler } from "@/lib/ucserver/http/next-route";
import { db } from "@/tests/setup/db";
import { actorFor, makeOrgWithPeople, makeUser } from "@/tests/setup/factories";
import { call, connect, heartbeat, makeServer, servedApi } from "./harness";

const api = servedApi();

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
    await expect(getServerOverview(db, other.owner.actor, { server: mine.id })).rejects.toMatchObject({
      code: "not-found",
    });
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
    const mine = await licensesOverview(db, people.member.actor, { locale: "en" });
    expect(mine.licenses.map((l) => `${l.productName}:${l.quantity}:${l.status}`).sort()).toEqual([
      "Mobile users:5:active",
      "UCConnect base (push notifications):1:active",
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
