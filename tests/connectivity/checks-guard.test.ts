import dgram from "node:dgram";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CheckerConfig, checkAddress, parseAllowList, runChecks } from "@/lib/connectivity/checks";
import type { ConnectivityInputs } from "@/lib/connectivity/types";
import { type DnsmasqPeer, startDnsmasq } from "@/tests/support/connectivity-peers";

describe("checkAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "carrierGradeNat"],
    ["169.254.169.254", "metadata"],
    ["169.254.1.1", "linkLocal"],
    ["100.100.100.200", "metadata"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["240.0.0.1", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "uniqueLocal"],
    ["fd00:ec2::254", "metadata"],
    ["fe80::1", "linkLocal"],
    ["ff02::1", "multicast"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:169.254.169.254", "metadata"],
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b::a9fe:a9fe", "metadata"],
    ["2002:7f00:1::", "loopback"],
    ["::7f00:1", "reserved"],
    ["not-an-address", "invalid"],
  ])("refuses %s (%s)", (address, range) => {
    expect(checkAddress(address, [])).toEqual({ allowed: false, address, range });
  });

  it.each([["8.8.8.8"], ["2a00:1450:4001:80b::200e"], ["::ffff:8.8.8.8"], ["64:ff9b::808:808"]])(
    "allows the public address %s",
    (address) => {
      expect(checkAddress(address, []).allowed).toBe(true);
    },
  );

  it("connects to the plain IPv4 form of a mapped address", () => {
    expect(checkAddress("::ffff:8.8.8.8", [])).toEqual({ allowed: true, address: "8.8.8.8" });
  });

  it("opens only the allow-listed ranges, and never the metadata endpoints", () => {
    expect(checkAddress("127.0.0.1", ["127.0.0.0/8"]).allowed).toBe(true);
    expect(checkAddress("::ffff:127.0.0.1", ["127.0.0.0/8"])).toEqual({
      allowed: true,
      address: "127.0.0.1",
    });
    expect(checkAddress("10.0.0.1", ["127.0.0.0/8"]).allowed).toBe(false);
    expect(checkAddress("169.254.169.254", ["169.254.0.0/16"]).allowed).toBe(false);
  });

  it("refuses a bad allow-list entry with a message naming it", () => {
    expect(() => parseAllowList(["127.0.0.0/8", "localhost"])).toThrow(
      /CONNECTIVITY_ALLOW_CIDRS: "localhost"/,
    );
    expect(() => parseAllowList(["10.0.0.0/33"])).toThrow(/not a CIDR/);
  });
});

describe("the checker with the default configuration", () => {
  const refused = ["127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "::ffff:127.0.0.1"];
  const names = refused.map((_, i) => `refused-${i}.example.test`);
  let dns: DnsmasqPeer;
  let tcp: net.Server;
  let udp: dgram.Socket;
  let port: number;
  let contacts = 0;

  beforeAll(async () => {
    dns = await startDnsmasq({ records: { a: refused.map((ip, i): [string, string] => [names[i]!, ip]) } });
    // A real listener on loopback (TCP and UDP on one port number): proof that nothing connected.
    tcp = net.createServer((s) => {
      contacts++;
      s.destroy();
    });
    await new Promise<void>((r) => tcp.listen(0, "127.0.0.1", r));
    port = (tcp.address() as net.AddressInfo).port;
    udp = dgram.createSocket("udp4");
    udp.on("message", () => contacts++);
    await new Promise<void>((r) => udp.bind(port, "127.0.0.1", r));
  });

  afterAll(async () => {
    await dns?.stop();
    await new Promise((r) => tcp?.close(r));
    udp?.close();
  });

  const config = (): CheckerConfig => ({ allow: [], dnsServers: [dns.server], timeoutMs: 1000 });
  const inputs = (host: string): ConnectivityInputs => ({
    scenario: "own-turn",
    publish: "forwarding",
    publicHost: host,
    publicPort: port,
    srvDomain: "example.test",
    turnHost: host,
    turnPort: port,
  });

  it.each([...refused, ...names])(
    "refuses %s for every connecting check without connecting",
    async (host) => {
      const results = await runChecks(inputs(host), {
        config: config(),
        turnSecret: "a-secret-that-is-long-enough",
        only: ["tls", "websocket", "stun", "turn"],
      });
      expect(results.map((r) => [r.check, r.state, r.reason])).toEqual([
        ["tls", "red", "blocked-address"],
        ["websocket", "red", "blocked-address"],
        ["stun", "red", "blocked-address"],
        ["turn", "red", "blocked-address"],
      ]);
      expect(results[0]?.seen.address).toBe(refused[names.indexOf(host)] ?? host);
      await new Promise((r) => setTimeout(r, 50));
      expect(contacts).toBe(0);
    },
  );

  it("does reach the same listener once loopback is allow-listed (the control for the tests above)", async () => {
    const results = await runChecks(inputs("127.0.0.1"), {
      config: { ...config(), allow: ["127.0.0.0/8"] },
      only: ["tls", "stun"],
    });
    expect(results.map((r) => r.reason)).not.toContain("blocked-address");
    await new Promise((r) => setTimeout(r, 50));
    expect(contacts).toBeGreaterThan(0);
  });
});
