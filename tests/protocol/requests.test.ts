import { request } from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverSessions } from "@/db/schema";
import { sha256 } from "@/lib/crypto";
import { db } from "@/tests/setup/db";
import { type Answer, type Api, call, connect, heartbeat, makeServer, randomIp, startApi } from "./harness";

// The "no TURN secret" case below needs it unset, whatever the shell has.
delete process.env.TURN_SECRET;

let api: Api;
let token: string;
beforeAll(async () => {
  api = await startApi();
  const s = await makeServer({ products: { "ucconnect-base": 1 }, acceptTerms: true });
  token = (await connect(api, s.serverId, s.password)).token;
});
afterAll(() => api.close());

function expectProblem(res: Answer, status: number, typeSuffix: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(res.json.status).toBe(status);
  expect(typeof res.json.title).toBe("string");
  expect(String(res.json.type)).toMatch(new RegExp(`${typeSuffix}$`));
  // Nothing from inside the portal leaks out.
  expect(res.text).not.toMatch(/ at |\.ts:|select |insert |postgres|drizzle/i);
}

const fields = (res: Answer) =>
  (res.json.errors as { field: string; message: string }[]).map((e) => e.field).sort();

describe("malformed and invalid requests", () => {
  it("answers malformed JSON with 400 and a body error", async () => {
    for (const raw of ["{", "not json", "", "\u0000"]) {
      const res = await call(api, "POST", "/heartbeats", {
        raw,
        token,
        headers: { "content-type": "application/json" },
      });
      expectProblem(res, 400, "invalid-request");
      expect(fields(res)).toEqual(["body"]);
    }
  });

  it("names each offending field with its dotted path", async () => {
    const res = await call(api, "POST", "/heartbeats", {
      token,
      body: { sequence: "42", sentAt: "yesterday", ucserverVersion: "6.4", users: { total: 1, mobile: "x" } },
    });
    expectProblem(res, 400, "invalid-request");
    expect(fields(res)).toEqual(["sentAt", "sequence", "users.audioVideo", "users.mobile"]);
  });

  it("refuses negative or fractional numbers and a JSON array body", async () => {
    const bad = await call(api, "POST", "/heartbeats", { token, body: heartbeat(-1, { pushDevices: 1.5 }) });
    expect(fields(bad)).toEqual(["pushDevices", "sequence"]);
    const arr = await call(api, "POST", "/heartbeats", { token, body: [heartbeat(1)] });
    expect(fields(arr)).toEqual(["body"]);
  });

  it("reports missing fields on every endpoint", async () => {
    expect(fields(await call(api, "POST", "/trials", { body: {}, ip: randomIp() }))).toEqual([
      "serverName",
      "ucserverVersion",
    ]);
    expect(fields(await call(api, "POST", "/sessions", { body: {}, ip: randomIp() }))).toEqual([
      "password",
      "serverId",
      "ucserverVersion",
    ]);
    expect(
      fields(await call(api, "POST", "/consents", { body: { accept: [{ kind: "eula" }] }, token })),
    ).toEqual(["accept.0.kind", "accept.0.version", "acceptedBy"]);
    expect(fields(await call(api, "POST", "/heartbeats", { body: {}, token }))).toEqual([
      "sentAt",
      "sequence",
      "ucserverVersion",
      "users",
    ]);
  });

  it("ignores unknown fields", async () => {
    const res = await call(api, "POST", "/heartbeats", {
      token,
      body: heartbeat(1, { futureField: { a: 1 } }),
    });
    expect(res.status).toBe(200);
  });

  it("answers 413 to a body over 64 KiB, declared or not", async () => {
    const big = JSON.stringify(heartbeat(2, { padding: "x".repeat(70 * 1024) }));
    expectProblem(await call(api, "POST", "/heartbeats", { raw: big, token }), 413, "payload-too-large");
    // Chunked, with no Content-Length: refused while reading.
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${api.url}/heartbeats`);
      const req = request(url, { method: "POST", headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      for (let i = 0; i < 20; i++) req.write("y".repeat(4096));
      req.end();
    });
    expect(status).toBe(413);
    // Just under the limit is fine.
    const fits = JSON.stringify(heartbeat(3, { padding: "x".repeat(60 * 1024) }));
    expect((await call(api, "POST", "/heartbeats", { raw: fits, token })).status).toBe(200);
  });

  it("answers 404 and 405 as problems", async () => {
    expectProblem(await call(api, "GET", "/nothing-here"), 404, "not-found");
    const res = await call(api, "GET", "/heartbeats", { token });
    expectProblem(res, 405, "method-not-allowed");
    expect(res.headers.get("allow")).toBe("POST");
  });
});

describe("TURN without a configured secret", () => {
  it("answers 403 turn-unavailable rather than a 5xx", async () => {
    const s = await makeServer({ products: { "audio-video-users": 2 }, acceptTerms: true });
    const { token: t } = await connect(api, s.serverId, s.password);
    expectProblem(await call(api, "POST", "/turn-credentials", { token: t }), 403, "turn-unavailable");
  });
});

describe("bearer tokens", () => {
  const protectedCalls = [
    ["POST", "/heartbeats", heartbeat(1)],
    ["GET", "/licenses", undefined],
    ["POST", "/consents", { accept: [{ kind: "license-terms", version: "2026-01" }], acceptedBy: "x" }],
    ["POST", "/turn-credentials", undefined],
    ["DELETE", "/sessions/current", undefined],
  ] as const;

  it("answers 401 with WWW-Authenticate: Bearer for missing, malformed and unknown tokens", async () => {
    for (const [method, path, body] of protectedCalls) {
      const variants: Record<string, string>[] = [
        {},
        { authorization: "Basic abc" },
        { authorization: "Bearer" },
      ];
      for (const headers of variants) {
        const res = await call(api, method, path, { body, headers });
        expectProblem(res, 401, "unauthenticated");
        expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      }
      const unknown = await call(api, method, path, { body, token: "A".repeat(43) });
      expectProblem(unknown, 401, "unauthenticated");
      expect(unknown.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
  });

  it("answers 401 for an expired token", async () => {
    const s = await makeServer();
    const { token: t } = await connect(api, s.serverId, s.password);
    expect((await call(api, "POST", "/heartbeats", { token: t, body: heartbeat(1) })).status).toBe(200);
    await db
      .update(serverSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(serverSessions.tokenHash, sha256(t)));
    for (const [method, path, body] of protectedCalls) {
      expectProblem(await call(api, method, path, { token: t, body }), 401, "unauthenticated");
    }
  });

  it("stores only the token's hash", async () => {
    const rows = await db
      .select()
      .from(serverSessions)
      .where(eq(serverSessions.tokenHash, sha256(token)));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe("hostile input", () => {
  it("never gets a 5xx", async () => {
    const deep = `${"[".repeat(30_000)}${"]".repeat(30_000)}`;
    const cases: [string, string, unknown, string?][] = [
      ["POST", "/sessions", { serverId: "AB\u0000C-DEFG-HJKM", password: "x\u0000", ucserverVersion: "6.4" }],
      [
        "POST",
        "/sessions",
        { serverId: "\ud800\udfff\ud800", password: "\ud800", ucserverVersion: "\ud800" },
      ],
      ["POST", "/sessions", { serverId: 12, password: ["x"], ucserverVersion: null }],
      [
        "POST",
        "/trials",
        { ucserverVersion: "6.4", serverName: "x\u202e", contactEmail: "a@b.c\r\nBcc: x@y.z" },
      ],
      ["POST", "/trials", { ucserverVersion: "6.4", serverName: "x".repeat(10_000), locale: "fr" }],
      ["POST", "/heartbeats", heartbeat(1, { sentAt: "2026-02-30T10:00:00Z" })],
      ["POST", "/heartbeats", heartbeat(2, { sentAt: "0001-01-01T00:00:00Z" })],
      ["POST", "/heartbeats", heartbeat(3, { sentAt: "9999-12-31T23:59:59.999+14:00" })],
      ["POST", "/heartbeats", heartbeat(1e308)],
      ["POST", "/heartbeats", heartbeat(2 ** 53 + 2)],
      ["POST", "/heartbeats", heartbeat(4, { users: { total: 1e12, mobile: -0, audioVideo: 0 } })],
      ["POST", "/heartbeats", null, deep],
      ["POST", "/heartbeats", null, '{"sequence": 1, "__proto__": {"admin": true}}'],
      [
        "POST",
        "/consents",
        { accept: Array(1000).fill({ kind: "license-terms", version: "2026-01" }), acceptedBy: "x" },
      ],
      ["POST", "/consents", { accept: [{ kind: "license-terms", version: "\u0000" }], acceptedBy: "x" }],
    ];
    for (const [method, path, body, raw] of cases) {
      const res = await call(api, method, path, {
        ip: randomIp(),
        token,
        ...(raw !== undefined ? { raw } : { body }),
      });
      expect(res.status, `${path} ${raw ?? JSON.stringify(body).slice(0, 80)}`).toBeLessThan(500);
    }
  });
});
