import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checksFor, runChecks } from "@/lib/connectivity/checks";
import { SCENARIOS } from "@/lib/connectivity/types";
import { tempDir } from "@/tests/support/peer-process";

const VARS = [
  "CONNECTIVITY_ALLOW_CIDRS",
  "CONNECTIVITY_DNS_SERVERS",
  "CONNECTIVITY_CA_FILE",
  "CONNECTIVITY_TIMEOUT_MS",
];
const saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));

/** checkerConfig() from a fresh module graph (env() and the config are read once per process). */
async function freshConfig(vars: Record<string, string>) {
  Object.assign(process.env, vars);
  vi.resetModules();
  const { checkerConfig } = await import("@/lib/connectivity/checks");
  return () => checkerConfig();
}

afterEach(() => {
  for (const v of VARS) {
    if (saved[v] === undefined) delete process.env[v];
    else process.env[v] = saved[v];
  }
});

describe("checkerConfig", () => {
  it("reads the environment: ranges, DNS servers, the CA file's text and the timeout", async () => {
    const dir = await tempDir("checker-config");
    const ca = path.join(dir.path, "ca.pem");
    await writeFile(ca, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    const config = await freshConfig({
      CONNECTIVITY_ALLOW_CIDRS: " 127.0.0.0/8, ::1/128 ",
      CONNECTIVITY_DNS_SERVERS: "127.0.0.1:5353,[::1]:53",
      CONNECTIVITY_CA_FILE: ca,
      CONNECTIVITY_TIMEOUT_MS: "1500",
    });
    expect(config()).toEqual({
      allow: ["127.0.0.0/8", "::1/128"],
      dnsServers: ["127.0.0.1:5353", "[::1]:53"],
      ca: expect.stringContaining("BEGIN CERTIFICATE"),
      timeoutMs: 1500,
    });
    await dir.remove();
  });

  it("is empty by default: no range opened, the system's resolver", async () => {
    const config = await freshConfig({ CONNECTIVITY_ALLOW_CIDRS: "", CONNECTIVITY_DNS_SERVERS: "" });
    expect(config()).toMatchObject({ allow: [], dnsServers: undefined, ca: undefined });
  });

  it.each([
    [{ CONNECTIVITY_ALLOW_CIDRS: "127.0.0.0/8,localhost" }, /CONNECTIVITY_ALLOW_CIDRS: "localhost"/],
    [{ CONNECTIVITY_DNS_SERVERS: "not a server" }, /CONNECTIVITY_DNS_SERVERS/],
    [{ CONNECTIVITY_CA_FILE: "/nonexistent/ca.pem" }, /CONNECTIVITY_CA_FILE: cannot read/],
  ])("refuses to start with a bad value: %o", async (vars, message) => {
    const config = await freshConfig(vars);
    expect(config).toThrow(message);
  });
});

describe("checksFor / runChecks", () => {
  it("lists each scenario's checks, push last", () => {
    const lists = Object.fromEntries(SCENARIOS.map((s) => [s, checksFor({ scenario: s })]));
    expect(lists).toEqual({
      lan: ["push"],
      ucconnect: ["push"],
      forwarding: ["dns-a", "dns-srv", "tls", "websocket", "push"],
      proxy: ["dns-a", "dns-srv", "tls", "websocket", "push"],
      dmz: ["dns-a", "dns-srv", "tls", "websocket", "push"],
      "own-turn": ["dns-a", "dns-srv", "tls", "websocket", "stun", "turn", "push"],
    });
  });

  it("runs nothing for a LAN-only server (push comes from heartbeats)", async () => {
    expect(await runChecks({ scenario: "lan" }, { config: { allow: [], timeoutMs: 500 } })).toEqual([]);
  });
});
