import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CheckerConfig, runChecks } from "@/lib/connectivity/checks";
import { dnsACheck } from "@/lib/connectivity/checks/dns-a";
import { dnsSrvCheck } from "@/lib/connectivity/checks/dns-srv";
import type { ConnectivityInputs } from "@/lib/connectivity/types";
import { type DnsmasqPeer, startDnsmasq } from "@/tests/support/connectivity-peers";

let dns: DnsmasqPeer;
let config: CheckerConfig;

const inputs = (over: Partial<ConnectivityInputs>): ConnectivityInputs => ({
  scenario: "proxy",
  publish: "proxy",
  publicHost: "ucserver.example.test",
  srvDomain: "example.test",
  publicPort: 443,
  ...over,
});

beforeAll(async () => {
  dns = await startDnsmasq({
    records: {
      a: [
        ["ucserver.example.test", "127.0.0.1"],
        ["internal.example.test", "10.0.0.1"],
      ],
      srv: [
        ["_ctiwebserver._tcp.example.test", "UCServer.Example.Test.", 443],
        ["_ctiwebserver._tcp.wrong-port.test", "ucserver.example.test", 7225],
        ["_ctiwebserver._tcp.wrong-target.test", "other.example.test", 443],
      ],
    },
  });
  config = { allow: ["127.0.0.0/8"], dnsServers: [dns.server], timeoutMs: 2000 };
});

afterAll(async () => {
  await dns?.stop();
});

describe("dns-a", () => {
  it("is green when the name resolves, to the expected address where one is given", async () => {
    const r = await dnsACheck(inputs({ publicAddress: "127.0.0.1" }), { config });
    expect(r).toMatchObject({
      check: "dns-a",
      state: "green",
      reason: "ok",
      seen: { addresses: "127.0.0.1" },
    });
  });

  it("is red address-mismatch when the record points elsewhere", async () => {
    const r = await dnsACheck(inputs({ publicAddress: "127.0.0.9" }), { config });
    expect(r).toMatchObject({
      state: "red",
      reason: "address-mismatch",
      seen: { expected: "127.0.0.9", addresses: "127.0.0.1" },
    });
  });

  it("is red no-record for a name without records", async () => {
    const r = await dnsACheck(inputs({ publicHost: "missing.example.test" }), { config });
    expect(r).toMatchObject({ state: "red", reason: "no-record", seen: { host: "missing.example.test" } });
  });

  it("is red blocked-address for a public name pointing into a private range", async () => {
    const r = await dnsACheck(inputs({ publicHost: "internal.example.test" }), { config });
    expect(r).toMatchObject({
      state: "red",
      reason: "blocked-address",
      seen: { address: "10.0.0.1", range: "private" },
    });
  });

  it("is red dns-error, not a crash, when no DNS server answers", async () => {
    const r = await dnsACheck(inputs({}), {
      config: { ...config, dnsServers: ["127.0.0.1:9"], timeoutMs: 300 },
    });
    expect(r.state).toBe("red");
    expect(["dns-error", "timeout"]).toContain(r.reason);
  });
});

describe("dns-srv", () => {
  it("is green when the record names the host (any case, trailing dot) and port", async () => {
    const r = await dnsSrvCheck(inputs({}), { config });
    expect(r).toMatchObject({ check: "dns-srv", state: "green", seen: { port: 443 } });
  });

  it("is red srv-missing when there is no record", async () => {
    const r = await dnsSrvCheck(inputs({ srvDomain: "no-srv.test" }), { config });
    expect(r).toMatchObject({
      state: "red",
      reason: "srv-missing",
      seen: { name: "_ctiwebserver._tcp.no-srv.test" },
    });
  });

  it("is red srv-wrong-port with the port seen", async () => {
    const r = await dnsSrvCheck(inputs({ srvDomain: "wrong-port.test" }), { config });
    expect(r).toMatchObject({ state: "red", reason: "srv-wrong-port", seen: { port: 7225, expected: 443 } });
  });

  it("is red srv-wrong-target with the target seen", async () => {
    const r = await dnsSrvCheck(inputs({ srvDomain: "wrong-target.test" }), { config });
    expect(r).toMatchObject({
      state: "red",
      reason: "srv-wrong-target",
      seen: { target: "other.example.test" },
    });
  });
});

describe("when the A record is missing", () => {
  it("the checks that connect fail with their own dns-error instead of being hidden", async () => {
    const results = await runChecks(inputs({ publicHost: "missing.example.test" }), {
      config,
      only: ["dns-a", "tls", "websocket"],
    });
    expect(results.map((r) => [r.check, r.reason, r.seen.code ?? null])).toEqual([
      ["dns-a", "no-record", null],
      ["tls", "dns-error", "ENOTFOUND"],
      ["websocket", "dns-error", "ENOTFOUND"],
    ]);
  });
});
