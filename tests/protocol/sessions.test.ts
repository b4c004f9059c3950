import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, serverSessions, serverStatusEvents, servers } from "@/db/schema";
import { replaceServerPassword } from "@/lib/servers/replace-server-password";
import { rotateServerPassword } from "@/lib/servers/rotate-server-password";
import { normalizeServerCode } from "@/lib/servers/server-id";
import { setServerDisabled } from "@/lib/servers/set-server-disabled";
import { db } from "@/tests/setup/db";
import { makeOrgWithPeople } from "@/tests/setup/factories";
import { call, connect, heartbeat, makeServer, randomIp, servedApi, serverRow } from "./harness";

const api = servedApi();

const login = (serverId: string, password: string, ip = randomIp()) =>
  call(api, "POST", "/sessions", { body: { serverId, password, ucserverVersion: "6.4.0.1234" }, ip });

describe("POST /sessions", () => {
  it("answers an unknown ID and a wrong password alike, in about the same time", async () => {
    const s = await makeServer();
    const timed = async (serverId: string) => {
      const t0 = performance.now();
      const res = await login(serverId, "wrong-password-wrong");
      return { res, ms: performance.now() - t0 };
    };
    // Interleaved, five of each, compared by median: robust against a busy machine.
    const wrong: Awaited<ReturnType<typeof timed>>[] = [];
    const unknown: Awaited<ReturnType<typeof timed>>[] = [];
    for (let i = 0; i < 5; i++) {
      wrong.push(await timed(s.serverId));
      unknown.push(await timed(`ZZZZ-ZZZZ-ZZZ${i}`));
    }
    const garbage = await timed("not an id at all");
    for (const { res } of [...wrong, ...unknown, garbage]) {
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    expect(unknown[0]!.res.text).toBe(wrong[0]!.res.text);
    expect(garbage.res.text).toBe(wrong[0]!.res.text);
    // Both paths run one Argon2id verification; neither answers fast enough to tell them apart.
    const median = (xs: { ms: number }[]) => xs.map((x) => x.ms).sort((a, b) => a - b)[2]!;
    const ratio = median(unknown) / median(wrong);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
    expect(median(unknown)).toBeGreaterThan(5);
  });

  it("locks a server ID for one address after 10 failures from it in 15 minutes, even for the right password", async () => {
    const s = await makeServer();
    const guesser = randomIp();
    for (let i = 0; i < 10; i++) expect((await login(s.serverId, `guess-${i}`, guesser)).status).toBe(401);
    const locked = await login(s.serverId, s.password, guesser);
    expect(locked.status).toBe(429);
    expect(String(locked.json.type)).toMatch(/rate-limited$/);
    const retry = Number(locked.headers.get("retry-after"));
    expect(retry).toBeGreaterThan(800);
    expect(retry).toBeLessThanOrEqual(900);
    // Spelled differently, it is still the same ID.
    expect((await login(s.serverId.toLowerCase().replace(/-/g, ""), s.password, guesser)).status).toBe(429);
    // The same address with another server, and the server from another address, are not affected.
    const other = await makeServer();
    expect((await login(other.serverId, other.password, guesser)).status).toBe(201);
    expect((await login(s.serverId, s.password)).status).toBe(201);
  });

  it("a stranger who knows a Server-ID cannot lock its server out: 50 failures from one address leave the server's own address alone", async () => {
    const s = await makeServer();
    const home = randomIp();
    expect((await login(s.serverId, s.password, home)).status).toBe(201);
    const stranger = randomIp();
    const tries = await Promise.all(
      Array.from({ length: 50 }, (_, i) => login(s.serverId, `guess-${i}`, stranger)),
    );
    expect(tries.filter((r) => r.status === 401)).toHaveLength(10);
    expect(tries.filter((r) => r.status === 429)).toHaveLength(40);
    expect((await login(s.serverId, s.password, home)).status).toBe(201);
    expect((await login(s.serverId, s.password, randomIp())).status).toBe(201);
  });

  it("past 100 failures for one ID from all addresses, only addresses the server connected from lately get through", async () => {
    const s = await makeServer();
    const home = randomIp();
    expect((await login(s.serverId, s.password, home)).status).toBe(201);
    // 100 addresses, one guess each: no address reaches its own limit, the ID its ceiling.
    for (let round = 0; round < 100; round += 20) {
      const batch = Array.from({ length: 20 }, (_, i) => login(s.serverId, `guess-${round + i}`));
      for (const r of await Promise.all(batch)) expect(r.status).toBe(401);
    }
    const elsewhere = await login(s.serverId, s.password, randomIp());
    expect(elsewhere.status).toBe(429);
    expect(Number(elsewhere.headers.get("retry-after"))).toBeGreaterThan(800);
    expect((await login(s.serverId, s.password, home)).status).toBe(201);
    // An address the server used more than 30 days ago is not spared.
    const old = randomIp();
    expect((await login(s.serverId, s.password, old)).status).toBe(429);
    const [row] = await db
      .select()
      .from(servers)
      .where(eq(servers.code, normalizeServerCode(s.serverId)!));
    await db.insert(serverSessions).values({
      serverId: row!.id,
      tokenHash: `old-${old}-${Date.now()}`,
      ip: old,
      expiresAt: new Date(Date.now() - 30 * 86_400_000),
      createdAt: new Date(Date.now() - 31 * 86_400_000),
    });
    expect((await login(s.serverId, s.password, old)).status).toBe(429);
  });

  it("holds the per-address limit against a burst of parallel guesses", async () => {
    const s = await makeServer();
    const ip = randomIp();
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(s.serverId, `guess-${i}`, ip)),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((c) => c === 401)).toHaveLength(10);
    expect(statuses.filter((c) => c === 429)).toHaveLength(20);
    expect((await login(s.serverId, s.password, ip)).status).toBe(429);
  });

  it("counts only failures: connecting often from one address is never limited", async () => {
    const ip = randomIp();
    const s = await makeServer();
    for (let i = 0; i < 60; i++) expect((await login(s.serverId, s.password, ip)).status).toBe(201);
  });

  it("limits failures per client address across server IDs", async () => {
    const ip = randomIp();
    // 50 guesses at 50 different IDs: no single ID reaches its limit, the address does.
    for (let i = 0; i < 50; i++) {
      expect((await login(`ZZZZ-ZZZZ-ZZ${String(i).padStart(2, "0")}`, "guess", ip)).status).toBe(401);
    }
    const s = await makeServer();
    expect((await login(s.serverId, s.password, ip)).status).toBe(429);
    expect((await login(s.serverId, s.password, randomIp())).status).toBe(201);
  });

  it("answers 403 server-disabled only with the right password", async () => {
    const people = await makeOrgWithPeople();
    const s = await makeServer({ organisationId: people.org.id });
    const { token } = await connect(api, s.serverId, s.password);
    expect((await call(api, "POST", "/heartbeats", { token, body: heartbeat(1) })).status).toBe(200);

    await setServerDisabled(db, people.admin.actor, { server: s.serverId, disabled: true });
    const refused = await login(s.serverId, s.password);
    expect(refused.status).toBe(403);
    expect(String(refused.json.type)).toMatch(/server-disabled$/);
    expect((await login(s.serverId, "wrong")).status).toBe(401);
    // Disabling ended the session at once, and the server is offline.
    expect((await call(api, "POST", "/heartbeats", { token, body: heartbeat(2) })).status).toBe(401);
    expect((await serverRow(s.server.id)).status).toBe("offline");

    await setServerDisabled(db, people.admin.actor, { server: s.server.id, disabled: false });
    expect((await login(s.serverId, s.password)).status).toBe(201);
  });

  it("lets only the server's own organisation (admin or owner) disable it or change its password", async () => {
    const people = await makeOrgWithPeople();
    const stranger = await makeOrgWithPeople();
    const s = await makeServer({ organisationId: people.org.id });
    await expect(
      setServerDisabled(db, stranger.owner.actor, { server: s.serverId, disabled: true }),
    ).rejects.toMatchObject({ code: "not-found" });
    await expect(
      rotateServerPassword(db, stranger.owner.actor, { server: s.server.id }),
    ).rejects.toMatchObject({
      code: "not-found",
    });
    await expect(
      rotateServerPassword(db, people.member.actor, { server: s.server.id }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    expect((await serverRow(s.server.id)).disabledAt).toBeNull();
  });

  it("revokes every token when the password changes in the portal", async () => {
    const people = await makeOrgWithPeople();
    const s = await makeServer({ organisationId: people.org.id });
    const first = await connect(api, s.serverId, s.password);
    const second = await connect(api, s.serverId, s.password);
    expect((await call(api, "POST", "/heartbeats", { token: first.token, body: heartbeat(1) })).status).toBe(
      200,
    );

    const { password, serverId } = await rotateServerPassword(db, people.owner.actor, { server: s.serverId });
    expect(serverId).toBe(s.serverId);
    for (const t of [first.token, second.token]) {
      expect((await call(api, "GET", "/licenses", { token: t })).status).toBe(401);
    }
    expect((await login(s.serverId, s.password)).status).toBe(401);
    expect((await login(s.serverId, password)).status).toBe(201);
    const events = await db
      .select()
      .from(serverStatusEvents)
      .where(eq(serverStatusEvents.serverId, s.server.id));
    expect(events.map((e) => `${e.toStatus}:${e.reason}`)).toEqual([
      "online:heartbeat",
      "offline:password-changed",
    ]);
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.targetId, s.server.id));
    expect(audit.map((a) => a.action)).toContain("server.password-changed");
  });

  it("the internal helper revokes tokens the same way", async () => {
    const s = await makeServer();
    const { token } = await connect(api, s.serverId, s.password);
    const { password } = await replaceServerPassword(db, s.server.id);
    expect((await call(api, "POST", "/heartbeats", { token, body: heartbeat(1) })).status).toBe(401);
    expect((await login(s.serverId, password)).status).toBe(201);
  });

  it("DELETE /sessions/current revokes only that token", async () => {
    const s = await makeServer();
    const a = await connect(api, s.serverId, s.password);
    const b = await connect(api, s.serverId, s.password);
    expect((await call(api, "DELETE", "/sessions/current", { token: a.token })).status).toBe(204);
    expect((await call(api, "DELETE", "/sessions/current", { token: a.token })).status).toBe(401);
    expect((await call(api, "GET", "/licenses", { token: b.token })).status).toBe(200);
  });
});

describe("POST /trials", () => {
  it("allows five trials per address per hour, then 429 with Retry-After", async () => {
    const ip = randomIp();
    const body = { ucserverVersion: "6.4.0.1234", serverName: "Zentrale" };
    for (let i = 0; i < 5; i++) expect((await call(api, "POST", "/trials", { body, ip })).status).toBe(201);
    const refused = await call(api, "POST", "/trials", { body, ip });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3500);
    expect((await call(api, "POST", "/trials", { body, ip: randomIp() })).status).toBe(201);
  });

  it("gives every trial the same services for the same period", async () => {
    const body = { ucserverVersion: "6.4.0.1234", serverName: "Zentrale", locale: "en" };
    const a = await call(api, "POST", "/trials", { body, ip: randomIp() });
    const b = await call(api, "POST", "/trials", { body, ip: randomIp() });
    const shape = (r: typeof a) =>
      (r.json.licenses as { product: string; quantity: number; trial: boolean }[])
        .map((l) => `${l.product}:${l.quantity}:${l.trial}`)
        .sort();
    expect(shape(a)).toEqual(shape(b));
    expect(a.json.serverId).not.toBe(b.json.serverId);
    expect(a.json.password).not.toBe(b.json.password);
    const terms = a.json.terms as { required: { title: string }[] };
    expect(terms.required.map((t) => t.title)).toContain("Privacy policy");
  });
});
