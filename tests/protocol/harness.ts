import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/db/client";
import { licenses, servers, termsDocuments } from "@/db/schema";
import { seedReference } from "@/db/seed-reference";
import { refreshLicenseState } from "@/lib/licenses/refresh-license-state";
import { insertServer } from "@/lib/servers/insert-server";
import { formatServerCode } from "@/lib/servers/server-id";
import { acceptTermsFromUcserver } from "@/lib/terms/accept-terms-from-ucserver";
import { refreshTermsState } from "@/lib/terms/refresh-terms-state";
import { ucserverFastRoute } from "@/lib/ucserver/http/node-route";
import { db as fileDb } from "@/tests/setup/db";

export type Api = { url: string; close: () => Promise<void> };

/** The protocol on a node:http server on 127.0.0.1, as production serves it (minus Next). */
export async function startApi(db: Db = fileDb): Promise<Api> {
  await seedReference(db);
  // Tests pick their client address with X-Forwarded-For, so per-IP limits stay per test.
  const route = ucserverFastRoute({ db, trustProxy: true });
  const server: Server = createServer((req, res) => {
    if (!route(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1/ucserver`,
    close: () => {
      server.closeAllConnections();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

/**
 * The protocol served for this test file: started before its tests (on the file's database, see
 * tests/setup/own-database.ts), closed after them. `const api = servedApi();` at the top.
 */
export function servedApi(): Api {
  let api: Api | undefined;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.close());
  const started = () => {
    if (!api) throw new Error("the protocol starts in beforeAll");
    return api;
  };
  return {
    get url() {
      return started().url;
    },
    close: () => started().close(),
  };
}

/** A random client address, so rate limits of one test do not touch another. */
export const randomIp = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]! || 1}`;

export type CallOptions = {
  body?: unknown;
  raw?: string;
  token?: string;
  ip?: string;
  headers?: Record<string, string>;
};

export type Answer = { status: number; headers: Headers; json: Record<string, unknown>; text: string };

export async function call(api: Api, method: string, path: string, opts: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.ip) headers["x-forwarded-for"] = opts.ip;
  let body: string | undefined = opts.raw;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] = "application/json";
  }
  const res = await fetch(`${api.url}${path}`, { method, headers, body });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {}
  return { status: res.status, headers: res.headers, json, text };
}

/** A server straight in the database, optionally with licenses and with the current terms accepted. */
export async function makeServer(
  opts: {
    organisationId?: string | null;
    products?: Partial<Record<"ucconnect-base" | "mobile-users" | "audio-video-users", number>>;
    acceptTerms?: boolean;
  } = {},
  db: Db = fileDb,
) {
  const { server, password } = await insertServer(db, {
    name: `Test server ${randomBytes(3).toString("hex")}`,
    origin: "portal",
    organisationId: opts.organisationId ?? null,
  });
  const entries = Object.entries(opts.products ?? {});
  if (entries.length > 0) {
    await db.insert(licenses).values(
      entries.map(([productKey, quantity]) => ({
        serverId: server.id,
        organisationId: opts.organisationId ?? null,
        productKey,
        quantity: quantity ?? 1,
        validFrom: new Date(Date.now() - 60_000),
        validUntil: null,
      })),
    );
  }
  await refreshLicenseState(db, server.id);
  await refreshTermsState(db, { serverId: server.id });
  if (opts.acceptTerms) await acceptCurrentTerms(server, db);
  return { server, password, serverId: formatServerCode(server.code) };
}

export async function acceptCurrentTerms(
  server: { id: string; code: string; organisationId: string | null },
  db: Db = fileDb,
) {
  const docs = await db.select().from(termsDocuments).where(eq(termsDocuments.isCurrent, true));
  await acceptTermsFromUcserver(db, {
    server,
    accept: docs.map((d) => ({ kind: d.kind, version: d.version })),
    acceptedBy: "test",
    ip: "127.0.0.1",
  });
}

export async function connect(api: Api, serverId: string, password: string, ip = randomIp()) {
  const res = await call(api, "POST", "/sessions", {
    body: { serverId, password, ucserverVersion: "6.4.0.1234" },
    ip,
  });
  if (res.status !== 201) throw new Error(`connect failed: ${res.status} ${res.text}`);
  return res.json as { token: string; expiresAt: string; [k: string]: unknown };
}

export function heartbeat(sequence: number, extra: Record<string, unknown> = {}) {
  return {
    sequence,
    sentAt: new Date().toISOString(),
    ucserverVersion: "6.4.0.1234",
    users: { total: 120, mobile: 35, audioVideo: 10 },
    pushDevices: 41,
    ...extra,
  };
}

export async function serverRow(id: string, db: Db = fileDb) {
  const [row] = await db.select().from(servers).where(eq(servers.id, id));
  return row!;
}
