import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, licenses, servers, termsAcceptances, trials } from "@/db/schema";
import { normalizeServerCode } from "@/lib/servers/server-id";
import { db } from "@/tests/setup/db";
import { call, heartbeat, randomIp, servedApi } from "./harness";

const api = servedApi();

const trialBody = {
  ucserverVersion: "6.4.0.1234",
  serverName: "UCServer Zentrale",
  contactEmail: "IT@Example.com",
};

describe("a UCServer's first day: trial, connect, consent, heartbeat, licenses, disconnect", () => {
  it("goes through the whole protocol as the contract describes", async () => {
    const ip = randomIp();
    const trial = await call(api, "POST", "/trials", { body: { ...trialBody, unknownField: 1 }, ip });
    expect(trial.status).toBe(201);
    const t = trial.json as {
      serverId: string;
      password: string;
      trial: { endsAt: string };
      licenses: { product: string; trial: boolean; status: string; quantity: number }[];
      terms: { accepted: boolean; required: { kind: string; version: string; title: string; url: string }[] };
    };
    expect(t.serverId).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(t.password.length).toBeGreaterThanOrEqual(22);
    const days = (Date.parse(t.trial.endsAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    expect(t.licenses.map((l) => l.product).sort()).toEqual([
      "audio-video-users",
      "mobile-users",
      "ucconnect-base",
    ]);
    expect(t.licenses.every((l) => l.trial && l.status === "active")).toBe(true);
    expect(t.terms.accepted).toBe(false);
    expect(t.terms.required.map((r) => r.kind).sort()).toEqual([
      "data-processing-agreement",
      "license-terms",
      "privacy-policy",
    ]);
    expect(t.terms.required[0]!.url).toMatch(/\/legal\/[a-z-]+\/2026-01$/);

    const [row] = await db
      .select()
      .from(servers)
      .where(eq(servers.code, normalizeServerCode(t.serverId)!));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.passwordHash).not.toContain(t.password);
    expect(row!.contactEmail).toBe("it@example.com");
    const trialLicenses = await db.select().from(licenses).where(eq(licenses.serverId, row!.id));
    expect(trialLicenses.every((l) => l.trial)).toBe(true);

    // Typed sloppily, as a person would: lower case, spaces instead of hyphens.
    const sloppy = t.serverId.toLowerCase().replace(/-/g, " ");
    const session = await call(api, "POST", "/sessions", {
      body: { serverId: sloppy, password: t.password, ucserverVersion: "6.4.0.1234" },
      ip,
    });
    expect(session.status).toBe(201);
    const s = session.json as {
      token: string;
      expiresAt: string;
      heartbeatIntervalSeconds: number;
      server: { serverId: string; name: string; mode: string };
      entitlements: { push: boolean; turn: boolean; mobileUsers: number; audioVideoUsers: number };
    };
    expect(s.server).toEqual({ serverId: t.serverId, name: "UCServer Zentrale", mode: "trial" });
    expect(s.heartbeatIntervalSeconds).toBe(60);
    expect(Date.parse(s.expiresAt) - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    // Services stay off until the terms are accepted.
    expect(s.entitlements).toEqual({ mobileUsers: 25, audioVideoUsers: 10, push: false, turn: false });

    const hb1 = await call(api, "POST", "/heartbeats", { body: heartbeat(1), token: s.token, ip });
    expect(hb1.status).toBe(200);
    expect(hb1.json.termsAccepted).toBe(false);
    expect(hb1.json.nextHeartbeatSeconds).toBe(60);
    const v1 = hb1.json.licensesVersion as string;

    const turnBefore = await call(api, "POST", "/turn-credentials", { token: s.token, ip });
    expect(turnBefore.status).toBe(403);
    expect(turnBefore.json.type).toMatch(/terms-required$/);

    const required = t.terms.required.map((r) => ({ kind: r.kind, version: r.version }));
    const consent = await call(api, "POST", "/consents", {
      body: { accept: required, acceptedBy: "Erika Admin" },
      token: s.token,
      ip,
    });
    expect(consent.status).toBe(200);
    expect(consent.json).toEqual({
      terms: { accepted: true, required: [] },
      entitlements: { mobileUsers: 25, audioVideoUsers: 10, push: true, turn: true },
    });
    const kept = await db.select().from(termsAcceptances).where(eq(termsAcceptances.serverId, row!.id));
    expect(kept).toHaveLength(3);
    expect(kept.every((k) => k.source === "ucserver" && k.acceptedBy === "Erika Admin" && k.ip === ip)).toBe(
      true,
    );

    const hb2 = await call(api, "POST", "/heartbeats", { body: heartbeat(2), token: s.token, ip });
    expect(hb2.json.termsAccepted).toBe(true);
    expect(hb2.json.licensesVersion).not.toBe(v1);

    const lic = await call(api, "GET", "/licenses", { token: s.token, ip });
    expect(lic.status).toBe(200);
    expect(lic.json.version).toBe(hb2.json.licensesVersion);
    expect(lic.headers.get("etag")).toBe(`"${lic.json.version}"`);

    const del = await call(api, "DELETE", "/sessions/current", { token: s.token, ip });
    expect(del.status).toBe(204);
    const after = await call(api, "POST", "/heartbeats", { body: heartbeat(3), token: s.token, ip });
    expect(after.status).toBe(401);
    expect((await db.select().from(servers).where(eq(servers.id, row!.id)))[0]!.status).toBe("offline");

    const [trialRow] = await db.select().from(trials).where(eq(trials.serverId, row!.id));
    expect(trialRow).toMatchObject({ origin: "ucserver-trial", organisationId: null, salesUserId: null });
    const actions = (
      await db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(inArray(auditEvents.targetId, [row!.id, trialRow!.id]))
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "trial.started",
        "ucserver.session-opened",
        "terms.accepted",
        "ucserver.session-closed",
      ]),
    );
  });
});
