/**
 * `npm run ucserver -- <command>`: a UCServer simulator speaking the portal protocol
 * (shared/ucserver-protocol.md), for trying the portal by hand and for load.
 *
 *   trial [--name N] [--email E] [--locale de|en]   start a trial, remember its Server-ID and password
 *   connect                                         open a session ("Verbinden")
 *   accept-terms [--by NAME]                        accept every terms document still required
 *   heartbeat [--users T,M,AV] [--push N]           send one heartbeat (sequence remembered)
 *   licenses                                        fetch licenses (If-None-Match: unchanged → 304)
 *   turn                                            fetch STUN/TURN credentials
 *   disconnect                                      end the session
 *   add --server-id ID --password PW                add a registered server to the simulated fleet
 *   simulate --servers N --interval S [--duration S] [--accept-terms]
 *                                                   N servers sending heartbeats until Ctrl-C
 *
 * Options: --url (default http://127.0.0.1:3000), --server-id/--password (else the state file),
 * --state (default .data/ucserver-sim.json). `simulate` uses the fleet in the state file (servers
 * from `trial` and `add`) and starts trials for the rest, as far as the per-address limit allows.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

type Creds = { serverId: string; password: string };
type State = Partial<Creds> & {
  token?: string;
  expiresAt?: string;
  sequence?: number;
  etag?: string;
  fleet?: Creds[];
};
type Answer = { status: number; body: Record<string, unknown>; headers: Headers };

const argv = process.argv.slice(2);
const command = argv.find((a) => !a.startsWith("--")) ?? "help";
const flag = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const has = (name: string) => argv.includes(`--${name}`);
const BASE = `${(flag("url") ?? "http://127.0.0.1:3000").replace(/\/$/, "")}/api/v1/ucserver`;
const STATE_FILE = path.resolve(flag("state") ?? ".data/ucserver-sim.json");
const VERSION = "6.4.0.1234";

function load(): State {
  return existsSync(STATE_FILE) ? (JSON.parse(readFileSync(STATE_FILE, "utf8")) as State) : {};
}
function save(state: State): void {
  mkdirSync(path.dirname(STATE_FILE), { recursive: true });
  writeFileSync(STATE_FILE, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

async function api(method: string, p: string, opts: { body?: unknown; token?: string; etag?: string } = {}) {
  const headers: Record<string, string> = {};
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (opts.etag) headers["if-none-match"] = opts.etag;
  const res = await fetch(`${BASE}${p}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = { raw: text };
  }
  return { status: res.status, body, headers: res.headers } satisfies Answer;
}

function show(label: string, a: Answer): void {
  const ok = a.status < 400;
  console.log(`${ok ? "✓" : "✗"} ${label}: HTTP ${a.status}`);
  if (Object.keys(a.body).length > 0) console.log(JSON.stringify(a.body, null, 2));
  if (a.status === 429) console.log(`  retry after ${a.headers.get("retry-after")} s`);
}

function creds(state: State): Creds {
  const serverId = flag("server-id") ?? state.serverId;
  const password = flag("password") ?? state.password;
  if (!serverId || !password) {
    console.error(`No server: run \`npm run ucserver -- trial\` or pass --server-id and --password.`);
    process.exit(2);
  }
  return { serverId, password };
}

async function connect(c: Creds): Promise<Answer> {
  return api("POST", "/sessions", { body: { ...c, ucserverVersion: VERSION } });
}

/** The remembered token, or a new session when there is none or it has expired. */
async function session(state: State): Promise<string> {
  const c = creds(state);
  const fresh =
    state.token && state.serverId === c.serverId && Date.parse(state.expiresAt ?? "") > Date.now() + 60_000;
  if (fresh) return state.token!;
  const a = await connect(c);
  if (a.status !== 201) {
    show("connect", a);
    process.exit(1);
  }
  Object.assign(state, c, { token: a.body.token, expiresAt: a.body.expiresAt, sequence: 0 });
  save(state);
  return state.token!;
}

function heartbeatBody(sequence: number) {
  const [total, mobile, audioVideo] = (flag("users") ?? "120,35,10").split(",").map(Number);
  return {
    sequence,
    sentAt: new Date().toISOString(),
    ucserverVersion: VERSION,
    users: { total: total ?? 0, mobile: mobile ?? 0, audioVideo: audioVideo ?? 0 },
    pushDevices: Number(flag("push") ?? 41),
  };
}

async function acceptTerms(token: string, required: { kind: string; version: string }[], by: string) {
  if (required.length === 0) return null;
  const accept = required.map((r) => ({ kind: r.kind, version: r.version }));
  return api("POST", "/consents", { token, body: { accept, acceptedBy: by } });
}

async function simulate(): Promise<void> {
  const want = Math.max(1, Math.min(Number(flag("servers") ?? 1), 10_000));
  const interval = Math.max(1, Number(flag("interval") ?? 60));
  const duration = flag("duration") ? Number(flag("duration")) * 1000 : Number.POSITIVE_INFINITY;
  const state = load();
  const fleet = state.fleet ?? [];
  while (fleet.length < want) {
    const a = await api("POST", "/trials", {
      body: { ucserverVersion: VERSION, serverName: `Sim ${fleet.length + 1}` },
    });
    if (a.status !== 201) {
      console.log(`✗ trial for server ${fleet.length + 1}: HTTP ${a.status} ${String(a.body.title ?? "")}`);
      if (a.status === 429)
        console.log("  (trials are limited per address; continuing with the servers there are)");
      break;
    }
    fleet.push({ serverId: String(a.body.serverId), password: String(a.body.password) });
    save({ ...state, fleet });
  }
  const servers = fleet.slice(0, want).map((c) => ({ ...c, token: "", sequence: 0, ok: 0, failed: 0 }));
  if (servers.length === 0) process.exit(1);
  console.log(
    `simulating ${servers.length} server(s), a heartbeat every ${interval}s; Ctrl-C ends the sessions`,
  );

  const connectOne = async (s: (typeof servers)[number]) => {
    const a = await connect(s);
    if (a.status !== 201) throw new Error(`connect ${s.serverId}: HTTP ${a.status}`);
    s.token = String(a.body.token);
    s.sequence = 0;
    const terms = a.body.terms as { required: { kind: string; version: string }[] };
    if (has("accept-terms")) await acceptTerms(s.token, terms.required, "simulator");
  };
  const beat = async (s: (typeof servers)[number]) => {
    try {
      if (!s.token) await connectOne(s);
      let a = await api("POST", "/heartbeats", { token: s.token, body: heartbeatBody(++s.sequence) });
      if (a.status === 401) {
        await connectOne(s);
        a = await api("POST", "/heartbeats", { token: s.token, body: heartbeatBody(++s.sequence) });
      }
      if (a.status === 200) s.ok++;
      else s.failed++;
    } catch {
      s.failed++;
    }
  };

  let stopping = false;
  const started = Date.now();
  const timers = servers.map((s, i) => {
    // Spread the fleet over the interval, as real servers would be.
    const first = setTimeout(() => void beat(s), (i * interval * 1000) / servers.length);
    const every = setInterval(() => void beat(s), interval * 1000);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  });
  const report = setInterval(() => {
    const ok = servers.reduce((n, s) => n + s.ok, 0);
    const failed = servers.reduce((n, s) => n + s.failed, 0);
    console.log(`[${Math.round((Date.now() - started) / 1000)}s] heartbeats ok=${ok} failed=${failed}`);
    if (Date.now() - started >= duration) void stop();
  }, Math.min(interval, 10) * 1000);

  async function stop() {
    if (stopping) return;
    stopping = true;
    for (const t of timers) t();
    clearInterval(report);
    console.log("ending sessions…");
    await Promise.all(
      servers.filter((s) => s.token).map((s) => api("DELETE", "/sessions/current", { token: s.token })),
    );
    console.log(`done: ${servers.reduce((n, s) => n + s.ok, 0)} heartbeats sent`);
    process.exit(0);
  }
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

async function main(): Promise<void> {
  const state = load();
  switch (command) {
    case "trial": {
      const body = {
        ucserverVersion: VERSION,
        serverName: flag("name") ?? "UCServer Simulator",
        contactEmail: flag("email"),
        locale: flag("locale") ?? "de",
      };
      const a = await api("POST", "/trials", { body });
      show("trial", a);
      if (a.status === 201) {
        const created = { serverId: String(a.body.serverId), password: String(a.body.password) };
        save({ fleet: [...(state.fleet ?? []), created], ...created });
        console.log(`saved Server-ID and password to ${STATE_FILE}`);
      }
      break;
    }
    case "connect": {
      const c = creds(state);
      const a = await connect(c);
      show("connect", a);
      if (a.status === 201)
        save({
          ...state,
          ...c,
          token: String(a.body.token),
          expiresAt: String(a.body.expiresAt),
          sequence: 0,
        });
      break;
    }
    case "accept-terms": {
      const c = creds(state);
      const a = await connect(c);
      if (a.status !== 201) return show("connect", a);
      save({ ...state, ...c, token: String(a.body.token), expiresAt: String(a.body.expiresAt), sequence: 0 });
      const terms = a.body.terms as { required: { kind: string; version: string; title: string }[] };
      for (const t of terms.required) console.log(`  accepting ${t.kind} ${t.version}: ${t.title}`);
      const r = await acceptTerms(String(a.body.token), terms.required, flag("by") ?? "UCServer simulator");
      if (r) show("accept-terms", r);
      else console.log("✓ nothing to accept: the current terms are accepted");
      break;
    }
    case "heartbeat": {
      const token = await session(state);
      state.sequence = (state.sequence ?? 0) + 1;
      save(state);
      show(
        `heartbeat #${state.sequence}`,
        await api("POST", "/heartbeats", { token, body: heartbeatBody(state.sequence) }),
      );
      break;
    }
    case "licenses": {
      const token = await session(state);
      const a = await api("GET", "/licenses", { token, etag: state.etag });
      if (a.status === 304) console.log(`✓ licenses unchanged (ETag ${state.etag})`);
      else show("licenses", a);
      if (a.status === 200) save({ ...state, etag: a.headers.get("etag") ?? undefined });
      break;
    }
    case "turn":
      show("turn-credentials", await api("POST", "/turn-credentials", { token: await session(state) }));
      break;
    case "disconnect": {
      if (!state.token) return console.log("no session");
      show("disconnect", await api("DELETE", "/sessions/current", { token: state.token }));
      save({ ...state, token: undefined, expiresAt: undefined });
      break;
    }
    case "add": {
      const c = creds({});
      const fleet = [...(state.fleet ?? []).filter((f) => f.serverId !== c.serverId), c];
      save({ ...state, fleet });
      console.log(`✓ ${c.serverId} added; the fleet has ${fleet.length} server(s)`);
      break;
    }
    case "simulate":
      return simulate();
    default:
      console.log(
        readFileSync(new URL(import.meta.url), "utf8")
          .split("*/")[0]!
          .replace(/^\/\*\*|^ \* ?/gm, ""),
      );
  }
}

main().catch((error: unknown) => {
  console.error(
    `✗ ${error instanceof Error ? error.message : String(error)} (is the portal running at ${BASE}?)`,
  );
  process.exit(1);
});
