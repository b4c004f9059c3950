import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createSocket } from "node:dgram";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coturnConfig, DENIED_PEER_RANGES } from "@/lib/connectivity/files";
import type { ConnectivityInputs } from "@/lib/connectivity/types";
import { freePort } from "../support/free-port";
import { forms, parsed, requireBinary } from "./files-fixtures";

const SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
// What coturn prints for a line it does not understand or a value it refuses.
const CONFIG_ERROR = /Bad configuration format|CONFIG ERROR|ERROR:|unknown option|unrecognized option/i;

let dir: string;
beforeAll(() => {
  requireBinary("turnserver", "--version");
  dir = mkdtempSync(path.join(tmpdir(), "files-coturn-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A STUN Binding request (RFC 5389) to 127.0.0.1:port over UDP: true when a Binding success answers. */
function answersStun(port: number): Promise<boolean> {
  const id = randomBytes(12);
  const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), id]);
  const socket = createSocket("udp4");
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 300);
    socket.on("message", (m) => done(m.readUInt16BE(0) === 0x0101 && m.subarray(8, 20).equals(id)));
    socket.on("error", () => done(false));
    socket.send(request, port, "127.0.0.1");
  });
}

/**
 * Runs `turnserver -c <file>` with only the test's overrides (loopback, logs to stdout, pid and user
 * database in the temp folder), until it answers STUN on the file's listening-port, then stops it.
 */
async function runCoturn(conf: string, port: number): Promise<{ answered: boolean; output: string }> {
  const file = path.join(dir, `turnserver-${port}.conf`);
  writeFileSync(file, conf);
  const child = spawn(
    "turnserver",
    [
      ...["-c", file, "--listening-ip=127.0.0.1", "--log-file=stdout", "--simple-log"],
      `--pidfile=${path.join(dir, `turnserver-${port}.pid`)}`,
      `--userdb=${path.join(dir, `turndb-${port}`)}`,
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let answered = false;
  const deadline = Date.now() + 8000;
  while (!answered && child.exitCode === null && Date.now() < deadline) answered = await answersStun(port);
  // Still running after answering: it did not stop on a late configuration error either.
  await new Promise((r) => setTimeout(r, 300));
  const alive = child.exitCode === null;
  if (alive) child.kill("SIGTERM");
  await exited;
  return { answered: answered && alive, output };
}

const ownTurn = (extra: Record<string, string> = {}): ConnectivityInputs =>
  parsed({ ...forms["own-turn"], ...extra });

describe("coturn configuration", () => {
  it("has the guide's settings and denies relaying into private and special ranges", () => {
    const conf = coturnConfig(ownTurn(), { turnSecret: SECRET });
    const lines = conf.split("\n").filter((l) => l && !l.startsWith("#"));
    expect(lines).toEqual([
      "listening-port=3478",
      "fingerprint",
      "use-auth-secret",
      `static-auth-secret=${SECRET}`,
      "realm=example.com",
      "external-ip=203.0.113.5",
      "min-port=49152",
      "max-port=65535",
      "no-cli",
      "no-tlsv1",
      "no-tlsv1_1",
      "no-software-attribute",
      "no-multicast-peers",
      ...DENIED_PEER_RANGES.map((r) => `denied-peer-ip=${r}`),
    ]);
    for (const range of [
      "0.0.0.0-0.255.255.255",
      "10.0.0.0-10.255.255.255",
      "100.64.0.0-100.127.255.255",
      "127.0.0.0-127.255.255.255",
      "169.254.0.0-169.254.255.255",
      "172.16.0.0-172.31.255.255",
      "192.0.0.0-192.0.0.255",
      "192.168.0.0-192.168.255.255",
      "198.18.0.0-198.19.255.255",
      "::1",
      "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
      "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
    ]) {
      expect(lines).toContain(`denied-peer-ip=${range}`);
    }
    expect(lines.some((l) => l.startsWith("denied-peer-ip=240.0.0.0-"))).toBe(true);
    // coturn 4.6 rejects this old option ("Bad configuration format"); loopback is denied by default.
    expect(conf).not.toMatch(/^no-loopback-peers/m);
    expect(conf).not.toMatch(/^allow-loopback-peers/m);
  });

  it("without a secret, keeps a commented placeholder so nobody can authenticate until it is set", () => {
    const conf = coturnConfig(ownTurn({ turnExternalIp: "" }));
    expect(conf).toContain("\n#static-auth-secret=REPLACE-WITH-OUTPUT-OF-openssl-rand-hex-32\n");
    expect(conf).not.toMatch(/^static-auth-secret=/m);
    expect(conf).toContain("openssl rand -hex 32");
    expect(conf).not.toMatch(/^external-ip=/m);
    expect(conf).toContain("\n#external-ip=");
  });

  it("takes the port and realm from the inputs", () => {
    const conf = coturnConfig(ownTurn({ turnPort: "3479", turnRealm: "voice.example.org" }), {
      turnSecret: SECRET,
    });
    expect(conf).toMatch(/^listening-port=3479$/m);
    expect(conf).toMatch(/^realm=voice\.example\.org$/m);
  });

  it.each([
    ["with secret and external-ip", { turnExternalIp: "203.0.113.5" }, { turnSecret: SECRET }],
    ["with placeholders", { turnExternalIp: "" }, {}],
  ])("is accepted by turnserver -c: %s", async (_, extra, options) => {
    const port = await freePort();
    const conf = coturnConfig(ownTurn({ ...extra, turnPort: String(port) }), options);
    const run = await runCoturn(conf, port);
    expect(run.output).not.toMatch(CONFIG_ERROR);
    expect(run.answered, run.output).toBe(true);
  });

  it("the turnserver harness notices a line coturn refuses", async () => {
    const port = await freePort();
    const conf = `${coturnConfig(ownTurn({ turnPort: String(port) }), { turnSecret: SECRET })}no-loopback-peers\n`;
    const run = await runCoturn(conf, port);
    expect(run.output).toMatch(CONFIG_ERROR);
  });
});
