import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Socket } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signTurnCredentials } from "@/lib/turn/turn-credentials";
import { freePort } from "@/tests/support/free-port";
import { type Api, call, connect, makeServer, startApi } from "./harness";

// A real coturn on loopback, checking our credentials with use-auth-secret / static-auth-secret.
const SECRET = "turn-test-secret-0123456789abcdef";
let turnPort = 0;
let turnserver: ChildProcess | undefined;
let turnLog = "";
let workDir = "";
let api: Api;

async function waitForTcp(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const sock = new Socket();
      sock.once("connect", () => {
        sock.destroy();
        resolve(true);
      });
      sock.once("error", () => resolve(false));
      sock.connect(port, "127.0.0.1");
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`turnserver did not listen on ${port}:\n${turnLog}`);
}

/** turnutils_uclient allocating a relay and sending a few packets through it. */
function allocate(username: string, credential: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      "turnutils_uclient",
      ["-p", String(turnPort), "-u", username, "-w", credential, "-y", "-n", "3", "127.0.0.1"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => {
      output += d.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

beforeAll(async () => {
  turnPort = await freePort();
  workDir = mkdtempSync(path.join(tmpdir(), "coturn-"));
  const relayBase = 50_000 + Math.floor(Math.random() * 10_000);
  turnserver = spawn(
    "turnserver",
    [
      "-n",
      "--listening-ip=127.0.0.1",
      "--relay-ip=127.0.0.1",
      `--listening-port=${turnPort}`,
      `--min-port=${relayBase}`,
      `--max-port=${relayBase + 200}`,
      "--use-auth-secret",
      `--static-auth-secret=${SECRET}`,
      "--realm=ucconnect.test",
      "--no-tls",
      "--no-dtls",
      "--no-cli",
      "--allow-loopback-peers",
      "--log-file=stdout",
      "--simple-log",
      `--pidfile=${path.join(workDir, "turnserver.pid")}`,
      `--userdb=${path.join(workDir, "turndb.sqlite")}`,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  turnserver.stdout?.on("data", (d: Buffer) => {
    turnLog = (turnLog + d.toString()).slice(-20_000);
  });
  turnserver.stderr?.on("data", (d: Buffer) => {
    turnLog = (turnLog + d.toString()).slice(-20_000);
  });
  await waitForTcp(turnPort, 10_000);
  // Read once by lib/env.ts, on the first request.
  Object.assign(process.env, {
    TURN_SECRET: SECRET,
    TURN_HOST: "127.0.0.1",
    TURN_PORT: String(turnPort),
    TURN_TTL_SECONDS: String(7 * 86_400),
  });
  api = await startApi();
});

afterAll(async () => {
  await api?.close();
  if (turnserver && turnserver.exitCode === null) {
    const exited = new Promise((r) => turnserver!.once("exit", r));
    turnserver.kill("SIGTERM");
    const t = setTimeout(() => turnserver?.kill("SIGKILL"), 3000);
    await exited;
    clearTimeout(t);
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("POST /turn-credentials against coturn", () => {
  it("issues credentials with which coturn allocates a relay", async () => {
    const s = await makeServer({
      products: { "ucconnect-base": 1, "audio-video-users": 5 },
      acceptTerms: true,
    });
    const { token } = await connect(api, s.serverId, s.password);
    const res = await call(api, "POST", "/turn-credentials", { token });
    expect(res.status).toBe(200);
    const c = res.json as { username: string; credential: string; ttl: number; uris: string[] };
    // Configured for a week, capped at a day.
    expect(c.ttl).toBe(86_400);
    const [expiry, id] = c.username.split(":");
    expect(id).toBe(s.serverId);
    expect(Number(expiry) - Math.floor(Date.now() / 1000)).toBeGreaterThan(86_300);
    expect(c.uris).toEqual([
      `stun:127.0.0.1:${turnPort}`,
      `turn:127.0.0.1:${turnPort}?transport=udp`,
      `turn:127.0.0.1:${turnPort}?transport=tcp`,
    ]);
    const run = await allocate(c.username, c.credential);
    expect(run.output).not.toMatch(/Cannot complete Allocation/);
    expect(run.code).toBe(0);
    expect(run.output).toMatch(/tot_recv_msgs=[1-9]/);
  });

  it("refuses a server without audio/video entitlement, and never hands out a credential", async () => {
    const s = await makeServer({ products: { "ucconnect-base": 1, "mobile-users": 10 }, acceptTerms: true });
    const { token } = await connect(api, s.serverId, s.password);
    const res = await call(api, "POST", "/turn-credentials", { token });
    expect(res.status).toBe(403);
    expect(String(res.json.type)).toMatch(/not-entitled$/);
    expect(res.json).not.toHaveProperty("credential");
    expect(res.json).not.toHaveProperty("username");
  });

  it("coturn refuses an expired credential, though correctly signed", async () => {
    const expired = signTurnCredentials({
      secret: SECRET,
      serverId: "AAAA-BBBB-CCCC",
      host: "127.0.0.1",
      port: turnPort,
      ttlSeconds: 60,
      now: Date.now() - 120_000,
    });
    expect(Number(expired.username.split(":")[0])).toBeLessThan(Date.now() / 1000);
    const run = await allocate(expired.username, expired.credential);
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(/Cannot complete Allocation/);
  });

  it("coturn refuses a credential signed with another secret", async () => {
    const forged = signTurnCredentials({
      secret: "not-the-secret-not-the-secret",
      serverId: "AAAA-BBBB-CCCC",
      host: "127.0.0.1",
      port: turnPort,
      ttlSeconds: 600,
    });
    const run = await allocate(forged.username, forged.credential);
    expect(run.code).not.toBe(0);
  });
});
