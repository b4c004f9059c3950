import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { seedReference } from "@/db/seed-reference";
import { db } from "@/tests/setup/db";
import { actorFor, makeOrgWithPeople, makeUser } from "@/tests/setup/factories";
import { makeServer } from "../protocol/harness";

const SECRET = "system-status-turn-secret-0123456789";
const SMTP_PASSWORD = "smtp-password-never-shown";
const saved = { ...process.env };

// env() parses process.env once per module instance, so each configuration gets fresh modules.
async function withEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const [{ getSystemStatus }, { getServerOverview }] = await Promise.all([
    import("@/lib/operations/get-system-status"),
    import("@/lib/servers/get-server-overview"),
  ]);
  return { getSystemStatus, getServerOverview };
}

afterEach(() => {
  for (const k of ["TURN_SECRET", "TURN_HOST", "TURN_PORT", "TURN_TTL_SECONDS", "SMTP_URL"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

beforeAll(() => seedReference(db));

async function operator() {
  return actorFor(await makeUser({ staff: ["operator"] }));
}

describe("system status", () => {
  it("says TURN is not configured while TURN_SECRET is unset, and mail stays in the outbox without SMTP", async () => {
    const { getSystemStatus } = await withEnv({ TURN_SECRET: undefined, SMTP_URL: undefined });
    const s = getSystemStatus(await operator(), { databaseKind: "postgres" });
    expect(s.turn.configured).toBe(false);
    expect(s.mail.smtp).toBeNull();
    expect(s.database.kind).toBe("postgres");
    expect(s.heartbeat.lateAfterSeconds).toBe(s.heartbeat.intervalSeconds * 1.5);
    expect(s.heartbeat.offlineAfterSeconds).toBe(s.heartbeat.intervalSeconds * 3);
  });

  it("shows the TURN server and SMTP host once configured, never a secret", async () => {
    const { getSystemStatus } = await withEnv({
      TURN_SECRET: SECRET,
      TURN_HOST: "turn.example.net",
      TURN_PORT: "3479",
      TURN_TTL_SECONDS: "3600",
      SMTP_URL: `smtp://mailer:${SMTP_PASSWORD}@mail.example.net:587`,
    });
    const s = getSystemStatus(await operator(), { databaseKind: "postgres" });
    expect(s.turn).toEqual({ configured: true, host: "turn.example.net", port: 3479, ttlSeconds: 3600 });
    expect(s.mail.smtp).toEqual({ host: "mail.example.net", port: 587 });
    const shown = JSON.stringify(s);
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain(SMTP_PASSWORD);
    expect(shown).not.toContain("mailer");
  });

  it("is not found for anyone but operators", async () => {
    const { getSystemStatus } = await withEnv({});
    const people = await makeOrgWithPeople();
    const sales = await actorFor(await makeUser({ staff: ["sales"] }));
    for (const actor of [people.owner.actor, sales]) {
      expect(() => getSystemStatus(actor, { databaseKind: "postgres" })).toThrow(
        expect.objectContaining({ code: "not-found" }),
      );
    }
  });
});

describe("the server page's TURN line", () => {
  async function servers() {
    const people = await makeOrgWithPeople();
    const entitled = await makeServer({
      organisationId: people.org.id,
      products: { "ucconnect-base": 1, "audio-video-users": 5 },
      acceptTerms: true,
    });
    const plain = await makeServer({
      organisationId: people.org.id,
      products: { "ucconnect-base": 1 },
      acceptTerms: true,
    });
    return { actor: people.member.actor, entitled: entitled.server.id, plain: plain.server.id };
  }

  it("says unavailable, not on, for an entitled server while the portal has no TURN server", async () => {
    const { getServerOverview } = await withEnv({ TURN_SECRET: undefined });
    const { actor, entitled, plain } = await servers();
    expect((await getServerOverview(db, actor, { server: entitled })).turn).toBe("unavailable");
    expect((await getServerOverview(db, actor, { server: plain })).turn).toBe("off");
  });

  it("says on for an entitled server once TURN is configured", async () => {
    const { getServerOverview } = await withEnv({ TURN_SECRET: SECRET });
    const { actor, entitled, plain } = await servers();
    expect((await getServerOverview(db, actor, { server: entitled })).turn).toBe("on");
    expect((await getServerOverview(db, actor, { server: plain })).turn).toBe("off");
  });
});
