/**
 * `npm run bench:heartbeats`: heartbeats per second and latency through the real portal endpoint
 * (POST /api/v1/ucserver/heartbeats), against a bare node:http + pg server doing one statement of
 * the same shape as the ceiling. Creates and drops its own database on 127.0.0.1:5432.
 *
 *   --servers 10000 --connections 50 --seconds 12 (measured, per server) --slices 4
 *   --portal next   the real portal process (`tsx scripts/start.ts`, builds Next if needed; default)
 *   --portal fast   the portal's HTTP dispatch with the same fast routes but without loading Next
 *
 * The load comes from a separate process (keep-alive http.Agent). Both servers run side by side and
 * take turns in slices, so background activity on the machine weighs on both. Loopback only.
 * Last line: heartbeats/s=N bare/s=M ratio=R p99_ms=P
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { freePort } from "@/tests/support/free-port";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const SELF = fileURLToPath(import.meta.url);
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Starts a child and resolves once a line of its output matches `ready`; rejects if it exits first. */
function startChild(
  argv: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs: number,
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the servers under load.
    const nodeArgs = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
    const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", ...argv], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let tail = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${argv.join(" ")} not ready within ${timeoutMs / 1000}s:\n${tail}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      const text = d.toString();
      tail = (tail + text).slice(-4000);
      if (process.env.BENCH_VERBOSE) process.stderr.write(text);
      if (ready.test(tail)) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${argv.join(" ")} exited with ${code} before it was ready:\n${tail}`));
    });
  });
}

/** CPU seconds (user + system) a process has used so far, from /proc; 0 where there is none. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(t);
}

type LoadResult = { ok: number; errors: number; seconds: number; latencies: number[] };

function runLoad(url: string, tokensFile: string, seqBase: number, seconds: number, warmup: number) {
  return new Promise<LoadResult>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        SELF,
        "--role",
        "loadgen",
        "--url",
        url,
        "--tokens",
        tokensFile,
        "--connections",
        opt("connections", "50"),
        "--seconds",
        String(seconds),
        "--warmup",
        String(warmup),
        "--seq-base",
        String(seqBase),
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    child.once("exit", (code) => {
      const last = out.trim().split("\n").pop() ?? "";
      if (code !== 0) return reject(new Error(`load generator exited with ${code}: ${out}`));
      resolve(JSON.parse(last) as LoadResult);
    });
  });
}

type Totals = { ok: number; errors: number; seconds: number; latencies: number[]; cpu: number };
const summary = (t: Totals) => {
  const sorted = [...t.latencies].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const rps = t.ok / t.seconds;
  return { rps, p50: q(0.5), p99: q(0.99), cpuUsPerReq: (t.cpu * 1e6) / Math.max(1, t.ok + t.errors) };
};

/**
 * Before the measurement: flush the seeding's WAL and vacuum what it wrote, so that no server pays
 * for a checkpoint or an autovacuum caused by the setup.
 */
async function settle(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("vacuum analyze server_heartbeats, servers, server_status_events");
    await c.query("checkpoint");
  } finally {
    await c.end();
  }
}

/** 10,000 servers with trial-like licenses and one live session each, inserted in bulk. */
async function seedServers(url: string, count: number): Promise<string[]> {
  const { createDb } = await import("@/db/client");
  const { migrateDb } = await import("@/db/migrate");
  const { seedReference } = await import("@/db/seed-reference");
  const { hashPassword } = await import("@/lib/auth/password");
  const { generateServerCode } = await import("@/lib/servers/server-id");
  const { randomToken, sha256 } = await import("@/lib/crypto");
  const database = createDb({ url });
  await migrateDb(database);
  await seedReference(database.db);
  // One Argon2 hash for all: hashing 10,000 would take minutes and the bench never connects.
  const hash = await hashPassword(randomToken(18));
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const tokens: string[] = [];
  for (let start = 0; start < count; start += 2000) {
    const n = Math.min(2000, count - start);
    const codes = new Set<string>();
    while (codes.size < n) codes.add(generateServerCode());
    const batch = Array.from({ length: n }, () => randomToken());
    tokens.push(...batch);
    await pool.query(
      `with sv as (
         insert into servers (code, name, origin, password_hash, terms_accepted, license_boundaries)
         select code, 'Bench ' || code, 'portal', $2, true,
                array[now() - interval '1 day', now() + interval '30 days']
           from unnest($1::text[]) as code
         returning id),
       numbered as (select id, row_number() over () as n from sv),
       tok as (select h, row_number() over () as n from unnest($3::text[]) as h),
       lic as (
         insert into licenses (server_id, product_key, quantity, valid_from, valid_until, trial)
         select numbered.id, p.key, greatest(p.trial_quantity, 1), now() - interval '1 day', now() + interval '30 days', true
           from numbered cross join products p)
       insert into server_sessions (server_id, token_hash, expires_at)
       select numbered.id, tok.h, now() + interval '24 hours' from numbered join tok using (n)`,
      [[...codes], hash, batch.map(sha256)],
    );
  }
  // As in a database that autovacuum has seen: statistics and the visibility map are current.
  await pool.query("vacuum analyze");
  await pool.end();
  await database.close();
  return tokens;
}

async function main() {
  const servers = Number(opt("servers", "10000"));
  const portalMode = opt("portal", "next");
  const dbName = `bench_heartbeats_${process.pid}_${randomBytes(3).toString("hex")}`;
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${dbName}`;
  const tmp = mkdtempSync(path.join(tmpdir(), "bench-hb-"));
  const children: ChildProcess[] = [];
  await admin((c) => c.query(`create database "${dbName}"`));
  try {
    const authSecret = randomBytes(32).toString("base64url");
    process.env.AUTH_SECRET ??= authSecret;
    console.log(`[bench] seeding ${servers} servers with sessions into ${dbName}…`);
    const t0 = Date.now();
    const tokens = await seedServers(dbUrl.toString(), servers);
    console.log(`[bench] seeded in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    const tokensFile = path.join(tmp, "tokens.json");
    writeFileSync(tokensFile, JSON.stringify(tokens));

    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: dbUrl.toString(),
      AUTH_SECRET: process.env.AUTH_SECRET,
      HOST: "127.0.0.1",
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      NODE_ENV: "production" as const,
      NEXT_TELEMETRY_DISABLED: "1",
    };
    console.log(
      portalMode === "next"
        ? "[bench] starting the portal (tsx scripts/start.ts; builds Next first if sources changed)…"
        : "[bench] starting the portal's HTTP dispatch with its fast routes (no Next)…",
    );
    const portal = await startChild(
      portalMode === "next" ? ["scripts/start.ts"] : [SELF, "--role", "fast"],
      env,
      /\[portal\] ready/,
      20 * 60_000,
    );
    children.push(portal);
    const barePort = await freePort();
    const bare = await startChild(
      [SELF, "--role", "bare"],
      { ...env, PORT: String(barePort) },
      /\[bare\] ready/,
      60_000,
    );
    children.push(bare);

    // Both servers stay up and take turns in short slices, so that whatever else this machine is
    // doing meanwhile weighs on both alike. Each gets `seconds` of measured load in all.
    const targets = [
      { name: "portal", url: `http://127.0.0.1:${port}/api/v1/ucserver/heartbeats`, child: portal },
      { name: "bare", url: `http://127.0.0.1:${barePort}/heartbeats`, child: bare },
    ];
    const slices = Math.max(1, Number(opt("slices", "4")));
    const sliceSeconds = Number(opt("seconds", "12")) / slices;
    const totals = targets.map((): Totals => ({ ok: 0, errors: 0, seconds: 0, latencies: [], cpu: 0 }));
    await settle(dbUrl.toString());
    console.log(
      `[bench] ${opt("connections", "50")} connections, ${slices} slices of ${sliceSeconds}s per server…`,
    );
    for (let round = 0; round < slices; round++) {
      for (const i of round % 2 === 0 ? [0, 1] : [1, 0]) {
        const t = targets[i]!;
        const total = totals[i]!;
        const cpu0 = cpuSeconds(t.child.pid);
        // Fresh sequence numbers for every slice, so nothing is a replay.
        const seqBase = (round * 2 + i + 1) * 10_000_000;
        const r = await runLoad(t.url, tokensFile, seqBase, sliceSeconds, round === 0 ? 2 : 0.5);
        total.cpu += cpuSeconds(t.child.pid) - cpu0;
        total.ok += r.ok;
        total.errors += r.errors;
        total.seconds += r.seconds;
        total.latencies.push(...r.latencies);
        console.log(`[bench]   ${t.name.padEnd(6)} slice ${round + 1}: ${(r.ok / r.seconds).toFixed(0)}/s`);
      }
    }
    const [real, ceiling] = totals.map(summary) as [ReturnType<typeof summary>, ReturnType<typeof summary>];
    for (const [name, r, t] of [
      ["portal", real, totals[0]!],
      ["bare", ceiling, totals[1]!],
    ] as const) {
      console.log(
        `[bench] ${name.padEnd(6)} ${r.rps.toFixed(0)}/s p50=${r.p50.toFixed(1)}ms p99=${r.p99.toFixed(1)}ms ` +
          `errors=${t.errors} cpu_us/req=${r.cpuUsPerReq.toFixed(0)} (incl. warm-up)`,
      );
    }
    const ratio = ceiling.rps > 0 ? real.rps / ceiling.rps : 0;
    console.log(
      `heartbeats/s=${Math.round(real.rps)} bare/s=${Math.round(ceiling.rps)} ratio=${ratio.toFixed(2)} p99_ms=${real.p99.toFixed(1)}`,
    );
  } finally {
    for (const c of children) await stopChild(c).catch(() => {});
    rmSync(tmp, { recursive: true, force: true });
    await admin((c) => c.query(`drop database if exists "${dbName}" with (force)`)).catch((e: unknown) =>
      console.error("[bench] could not drop the database:", e),
    );
  }
}

// ---- child roles --------------------------------------------------------------------------------

/** Keeps `connections` requests in flight over keep-alive sockets; prints one JSON line. */
async function runLoadgen(): Promise<void> {
  const url = new URL(opt("url", ""));
  const tokens = JSON.parse(readFileSync(opt("tokens", ""), "utf8")) as string[];
  const connections = Number(opt("connections", "50"));
  const seqBase = Number(opt("seq-base", "1"));
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const sequences = new Array<number>(tokens.length).fill(seqBase);
  const start = Date.now();
  const measureFrom = start + Number(opt("warmup", "2")) * 1000;
  const end = measureFrom + Number(opt("seconds", "10")) * 1000;
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const post = (i: number) =>
    new Promise<number>((resolve) => {
      const body = JSON.stringify({
        sequence: sequences[i]!++,
        sentAt: new Date().toISOString(),
        ucserverVersion: "6.4.0.1234",
        users: { total: 120, mobile: 35, audioVideo: 10 },
        pushDevices: 41,
      });
      const req = http.request(
        url,
        {
          method: "POST",
          agent,
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(body),
            authorization: `Bearer ${tokens[i]}`,
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", () => resolve(0));
      req.end(body);
    });
  const worker = async () => {
    while (Date.now() < end) {
      const i = next++ % tokens.length;
      const t0 = performance.now();
      const status = await post(i);
      const t1 = performance.now();
      if (t0 < measureFrom - performance.timeOrigin) continue;
      if (status === 200) latencies.push(t1 - t0);
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  const seconds = (end - measureFrom) / 1000;
  const rounded = latencies.map((l) => Math.round(l * 100) / 100);
  console.log(JSON.stringify({ ok: latencies.length, errors, seconds, latencies: rounded }));
}

// The ceiling: the same statement shape (token check, insert unless replayed, last seen forward)
// with nothing around it: no validation, no status, no licenses version.
const BARE_SQL = `
with s as (
  select id as session_id, server_id from server_sessions
   where token_hash = $1 and revoked_at is null and expires_at > now()
),
ins as (
  insert into server_heartbeats (server_id, session_id, sequence, sent_at, received_at, clock_skew_ms,
                                 ucserver_version, users_total, users_mobile, users_audio_video, push_devices)
  select server_id, session_id, $2, $3, now(), 0, $4, $5, $6, $7, $8 from s
  on conflict (session_id, sequence) do nothing
  returning server_id, received_at
)
update servers sv set last_seen_at = greatest(sv.last_seen_at, ins.received_at)
  from ins where sv.id = ins.server_id
returning ins.received_at`;

async function runBare(): Promise<void> {
  const pool = new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.DB_POOL_SIZE ?? 10),
  });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const hb = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const token = (req.headers.authorization ?? "").slice(7);
      const hash = createHash("sha256").update(token).digest("hex");
      const values = [hash, hb.sequence, hb.sentAt, hb.ucserverVersion, hb.users.total, hb.users.mobile];
      pool
        .query({
          name: "bare",
          text: BARE_SQL,
          values: [...values, hb.users.audioVideo, hb.pushDevices ?? null],
        })
        .then((r) => {
          res.writeHead(r.rowCount ? 200 : 401, { "content-type": "application/json" });
          res.end(JSON.stringify({ receivedAt: new Date().toISOString() }));
        })
        .catch(() => res.writeHead(503).end());
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("[bare] ready"));
  process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
}

/** lib/server/http-server.ts's dispatch (client address, fast routes, sweeper) without loading Next. */
async function runFastPortal(): Promise<void> {
  const { env } = await import("@/lib/env");
  const { clientIpOf, CLIENT_IP_HEADER, PATH_HEADER } = await import("@/lib/web/client-ip");
  const { fastRoutes } = await import("@/lib/server/fast-routes");
  const { HTTP_SERVER_OPTIONS } = await import("@/lib/server/http-server");
  const { setBaseSecurityHeaders } = await import("@/lib/server/security-headers");
  const { portal } = await import("@/lib/server/portal");
  const { startStatusSweeper } = await import("@/lib/heartbeats/status-sweeper");
  const e = env();
  const p = portal();
  const routes = fastRoutes(p.db, e.TRUST_PROXY);
  const server = http.createServer(HTTP_SERVER_OPTIONS, (req, res) => {
    req.headers[CLIENT_IP_HEADER] = clientIpOf(req, e.TRUST_PROXY);
    req.headers[PATH_HEADER] = (req.url ?? "/").slice(0, 2000);
    setBaseSecurityHeaders(req, res, e.TRUST_PROXY);
    for (const route of routes) if (route(req, res)) return;
    res.writeHead(404).end();
  });
  server.keepAliveTimeout = 65_000;
  const stop = startStatusSweeper({ db: p.db });
  server.listen(e.PORT, e.HOST, () => console.log("[portal] ready (fast routes only)"));
  process.on("SIGTERM", () => {
    void stop();
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

const role = opt("role", "main");
if (role === "loadgen") await runLoadgen();
else if (role === "bare") await runBare();
else if (role === "fast") await runFastPortal();
else await main();
