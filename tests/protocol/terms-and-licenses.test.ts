import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { refreshLicenseState } from "@/lib/licenses/refresh-license-state";
import { claimServer } from "@/lib/servers/claim-server";
import { registerServer } from "@/lib/servers/register-server";
import { acceptTermsInPortal } from "@/lib/terms/accept-terms-in-portal";
import { publishTermsVersion } from "@/lib/terms/publish-terms-version";
import { db } from "@/tests/setup/db";
import * as f from "@/tests/setup/factories";
import { withOwnDatabase } from "@/tests/setup/own-database";
import * as h from "./harness";

// Publishing terms concerns every server in the db, so this file has a db of its own.
withOwnDatabase("protocol_terms");

let api: import("./harness").Api;
beforeAll(async () => {
  api = await h.startApi();
});
afterAll(async () => {
  await api?.close();
});

/** Calls `probe` until `done` holds for its answer or `ms` pass, and returns the last answer. */
async function poll<T>(probe: () => Promise<T>, done: (answer: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const answer = await probe();
    if (done(answer) || Date.now() >= end) return answer;
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Ent = { push: boolean; turn: boolean; mobileUsers: number; audioVideoUsers: number };

describe("terms", () => {
  it("refuses a version that is not current with 409 and records nothing", async () => {
    const s = await h.makeServer();
    const { token } = await h.connect(api, s.serverId, s.password);
    const res = await h.call(api, "POST", "/consents", {
      token,
      body: {
        accept: [
          { kind: "license-terms", version: "2026-01" },
          { kind: "privacy-policy", version: "2025-07" },
        ],
        acceptedBy: "Admin",
      },
    });
    expect(res.status).toBe(409);
    expect(String(res.json.type)).toMatch(/terms-outdated$/);
    expect(res.json.errors).toEqual([{ field: "accept.1.version", message: "not-current" }]);
    const kept = await db
      .select()
      .from(schema.termsAcceptances)
      .where(eq(schema.termsAcceptances.serverId, s.server.id));
    expect(kept).toHaveLength(0);
  });

  it("a new version is required again: push and TURN go off, licensesVersion changes", async () => {
    const s = await h.makeServer({
      products: { "ucconnect-base": 1, "audio-video-users": 5 },
      acceptTerms: true,
    });
    const { token } = await h.connect(api, s.serverId, s.password);
    const before = await h.call(api, "POST", "/heartbeats", { token, body: h.heartbeat(1) });
    expect(before.json.termsAccepted).toBe(true);
    const lic1 = await h.call(api, "GET", "/licenses", { token });
    expect((lic1.json.entitlements as Ent).turn).toBe(true);

    const operator = await f.makeUser({ staff: ["operator"] });
    await publishTermsVersion(db, await f.actorFor(operator), {
      kind: "privacy-policy",
      version: "2026-07",
      titleDe: "Datenschutzerklärung",
      titleEn: "Privacy policy",
      url: "https://example.com/legal/privacy-policy/2026-07",
    });

    const after = await h.call(api, "POST", "/heartbeats", { token, body: h.heartbeat(2) });
    expect(after.json.termsAccepted).toBe(false);
    expect(after.json.licensesVersion).not.toBe(before.json.licensesVersion);
    const lic2 = await h.call(api, "GET", "/licenses", {
      token,
      headers: { "if-none-match": lic1.headers.get("etag")! },
    });
    expect(lic2.status).toBe(200);
    expect(lic2.json.entitlements).toEqual({ mobileUsers: 0, audioVideoUsers: 5, push: false, turn: false });
    const turn = await h.call(api, "POST", "/turn-credentials", { token });
    expect(turn.status).toBe(403);
    expect(String(turn.json.type)).toMatch(/terms-required$/);

    // Only the new document is required; accepting it turns the services back on.
    const session = await h.connect(api, s.serverId, s.password);
    const terms = session.terms as { accepted: boolean; required: { kind: string; version: string }[] };
    expect(terms.accepted).toBe(false);
    expect(terms.required.map((r) => `${r.kind}@${r.version}`)).toEqual(["privacy-policy@2026-07"]);
    const ok = await h.call(api, "POST", "/consents", {
      token,
      body: { accept: [{ kind: "privacy-policy", version: "2026-07" }], acceptedBy: "Admin" },
    });
    expect(ok.json).toEqual({
      terms: { accepted: true, required: [] },
      entitlements: { mobileUsers: 0, audioVideoUsers: 5, push: true, turn: true },
    });
    // The old version can no longer be accepted.
    const old = await h.call(api, "POST", "/consents", {
      token,
      body: { accept: [{ kind: "privacy-policy", version: "2026-01" }], acceptedBy: "Admin" },
    });
    expect(old.status).toBe(409);
  });

  it("only operators publish terms", async () => {
    const people = await f.makeOrgWithPeople();
    await expect(
      publishTermsVersion(db, people.owner.actor, {
        kind: "license-terms",
        version: "2099-01",
        titleDe: "x",
        titleEn: "x",
        url: "https://example.com/x",
      }),
    ).rejects.toMatchObject({ code: "not-found" });
  });

  it("portal consent covers every server of the organisation, a claimed one included", async () => {
    const people = await f.makeOrgWithPeople();
    const registered = await registerServer(db, people.admin.actor, { name: "Zentrale" });
    expect(registered.serverId).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const current = await db
      .select()
      .from(schema.termsDocuments)
      .where(eq(schema.termsDocuments.isCurrent, true));
    const accept = current.map((d) => ({ kind: d.kind, version: d.version }));
    await expect(acceptTermsInPortal(db, people.member.actor, { accept })).rejects.toMatchObject({
      code: "forbidden",
    });
    await acceptTermsInPortal(db, people.owner.actor, { accept });

    const a = await h.connect(api, registered.serverId, registered.password);
    expect((a.terms as { accepted: boolean }).accepted).toBe(true);

    // A server that started a trial by itself, claimed afterwards.
    const trial = await h.call(api, "POST", "/trials", {
      body: { ucserverVersion: "6.4.0.1234", serverName: "Filiale" },
      ip: h.randomIp(),
    });
    const t = trial.json as { serverId: string; password: string; terms: { accepted: boolean } };
    expect(t.terms.accepted).toBe(false);
    const session = await h.connect(api, t.serverId, t.password);
    const hb1 = await h.call(api, "POST", "/heartbeats", { token: session.token, body: h.heartbeat(1) });
    expect(hb1.json.termsAccepted).toBe(false);

    const stranger = await f.makeOrgWithPeople();
    await expect(
      claimServer(db, people.admin.actor, { serverId: t.serverId, password: "wrong" }),
    ).rejects.toMatchObject({ code: "not-found" });
    await claimServer(db, people.admin.actor, {
      serverId: t.serverId.toLowerCase(),
      password: t.password,
    });
    // Once claimed, nobody else can claim it, even with the right password.
    await expect(
      claimServer(db, stranger.admin.actor, { serverId: t.serverId, password: t.password }),
    ).rejects.toMatchObject({ code: "not-found" });

    const hb2 = await h.call(api, "POST", "/heartbeats", { token: session.token, body: h.heartbeat(2) });
    expect(hb2.json.termsAccepted).toBe(true);
    expect(hb2.json.licensesVersion).not.toBe(hb1.json.licensesVersion);
    const lic = await h.call(api, "GET", "/licenses", { token: session.token });
    expect((lic.json.entitlements as Ent).push).toBe(true);
    const code = t.serverId.replace(/-/g, "");
    const [row] = await db.select().from(schema.servers).where(eq(schema.servers.code, code));
    expect(row!.organisationId).toBe(people.org.id);
    const orgLicenses = await db
      .select()
      .from(schema.licenses)
      .where(and(eq(schema.licenses.serverId, row!.id), eq(schema.licenses.organisationId, people.org.id)));
    expect(orgLicenses).toHaveLength(3);
  });
});

describe("GET /licenses", () => {
  it("answers 304 to a matching If-None-Match, and 200 once licenses change", async () => {
    const s = await h.makeServer({ products: { "mobile-users": 10 }, acceptTerms: true });
    const { token } = await h.connect(api, s.serverId, s.password);
    const first = await h.call(api, "GET", "/licenses", { token });
    const etag = first.headers.get("etag")!;
    expect(etag).toBe(`"${first.json.version}"`);
    for (const inm of [etag, `W/${etag}`, `"nope", ${etag}`, "*"]) {
      const res = await h.call(api, "GET", "/licenses", { token, headers: { "if-none-match": inm } });
      expect(res.status).toBe(304);
      expect(res.text).toBe("");
      expect(res.headers.get("etag")).toBe(etag);
    }
    expect(
      (await h.call(api, "GET", "/licenses", { token, headers: { "if-none-match": '"0.0"' } })).status,
    ).toBe(200);

    // A license that expires by the clock alone (below) changes the version without any write.
    await db.insert(schema.licenses).values({
      serverId: s.server.id,
      productKey: "audio-video-users",
      quantity: 3,
      validFrom: new Date(Date.now() - 60_000),
      validUntil: new Date(Date.now() + 1500),
    });
    await refreshLicenseState(db, s.server.id);
    const withLicense = await h.call(api, "GET", "/licenses", { token, headers: { "if-none-match": etag } });
    expect(withLicense.status).toBe(200);
    expect(withLicense.json.entitlements).toEqual({
      mobileUsers: 10,
      audioVideoUsers: 3,
      push: false,
      turn: true,
    });
    const hb = await h.call(api, "POST", "/heartbeats", { token, body: h.heartbeat(1) });
    expect(hb.json.licensesVersion).toBe(withLicense.json.version);
    // Asks until the expiry itself shows: 304 while the version stands, 200 once it moved.
    const expired = await poll(
      () =>
        h.call(api, "GET", "/licenses", {
          token,
          headers: { "if-none-match": withLicense.headers.get("etag")! },
        }),
      (res) => res.status !== 304,
    );
    expect(expired.status).toBe(200);
    expect(expired.json.entitlements).toEqual({
      mobileUsers: 10,
      audioVideoUsers: 0,
      push: false,
      turn: false,
    });
    const statuses = (expired.json.licenses as { product: string; status: string }[]).map(
      (l) => `${l.product}:${l.status}`,
    );
    expect(statuses.sort()).toEqual(["audio-video-users:expired", "mobile-users:active"]);
    const hb2 = await h.call(api, "POST", "/heartbeats", { token, body: h.heartbeat(2) });
    expect(hb2.json.licensesVersion).toBe(expired.json.version);
  });
});
