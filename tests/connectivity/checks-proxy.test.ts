import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CheckerConfig, checksFor, runChecks } from "@/lib/connectivity/checks";
import { tlsCheck } from "@/lib/connectivity/checks/tls";
import { websocketCheck } from "@/lib/connectivity/checks/websocket";
import { nginxConfig } from "@/lib/connectivity/files";
import type { ConnectivityInputs } from "@/lib/connectivity/types";
import {
  type DnsmasqPeer,
  type IssuedCert,
  issueCert,
  makeCa,
  type NginxPeer,
  startDnsmasq,
  startNginx,
  startUcserverStandIn,
  type UcserverStandIn,
} from "@/tests/support/connectivity-peers";
import { freePort } from "@/tests/support/free-port";
import { tempDir } from "@/tests/support/peer-process";

const HOST = "ucserver.example.test";
const stops: (() => Promise<void>)[] = [];
let dns: DnsmasqPeer;
let standIn: UcserverStandIn;
let config: CheckerConfig;
type Proxy = { inputs: ConnectivityInputs; nginx: NginxPeer };
const proxies: Record<string, Proxy> = {};

/** The generated file without the two lines that pass the WebSocket handshake on. */
function withoutUpgradeHeaders(conf: string): string {
  const lines = conf.split("\n");
  const kept = lines.filter((l) => !/^\s*proxy_set_header (Upgrade|Connection) /.test(l));
  expect(lines.length - kept.length).toBe(2);
  return kept.join("\n");
}

/** nginx running the generated configuration for `cert`, in front of the stand-in (or `upstreamPort`). */
async function startProxy(cert: IssuedCert, opts: { withoutUpgrade?: boolean; upstreamPort?: number } = {}) {
  const publicPort = await freePort();
  const httpPort = await freePort();
  const inputs: ConnectivityInputs = {
    scenario: "proxy",
    publish: "proxy",
    proxyKind: "nginx",
    publicHost: HOST,
    srvDomain: "example.test",
    publicPort,
    internalAddress: "127.0.0.1",
    internalHttpPort: 7224,
    internalHttpsPort: opts.upstreamPort ?? standIn.port,
  };
  const generated = nginxConfig(inputs, { certificatePath: cert.certPath, keyPath: cert.keyPath, httpPort });
  const nginx = await startNginx({
    confText: opts.withoutUpgrade ? withoutUpgradeHeaders(generated) : generated,
    port: publicPort,
  });
  stops.push(nginx.stop);
  return { inputs, nginx };
}

beforeAll(async () => {
  const dir = await tempDir("connectivity-proxy");
  stops.push(dir.remove);
  const ca = makeCa(dir.path);
  const strangerCa = makeCa((await tempDir("stranger-ca")).path, "Stranger CA");
  stops.push(() => import("node:fs/promises").then((fs) => fs.rm(strangerCa.dir, { recursive: true })));
  standIn = await startUcserverStandIn();
  stops.push(standIn.stop);
  const good = issueCert(ca, { names: [HOST] });
  const entries = await Promise.all([
    startProxy(good),
    startProxy(issueCert(ca, { names: [HOST], expired: true })),
    startProxy(issueCert(ca, { names: ["other.example.test"] })),
    startProxy(issueCert(strangerCa, { names: [HOST] })),
    startProxy(issueCert(ca, { names: [HOST], days: 5 })),
    startProxy(good, { withoutUpgrade: true }),
    startProxy(good, { upstreamPort: await freePort() }),
    startProxy(good),
  ]);
  const names = [
    "good",
    "expired",
    "wrongName",
    "untrusted",
    "expiring",
    "noUpgrade",
    "noUpstream",
    "stopped",
  ];
  names.forEach((n, i) => {
    proxies[n] = entries[i]!;
  });
  // Started last: the SRV record names the right proxy's port, known only now.
  dns = await startDnsmasq({
    records: {
      a: [[HOST, "127.0.0.1"]],
      srv: [["_ctiwebserver._tcp.example.test", HOST, proxies.good!.inputs.publicPort!]],
    },
  });
  stops.push(dns.stop);
  config = { allow: ["127.0.0.0/8"], dnsServers: [dns.server], ca: ca.pem, timeoutMs: 2000 };
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

const run = (name: string, check: typeof tlsCheck) => check(proxies[name]!.inputs, { config });

describe("the proxy scenario against nginx running the generated file", () => {
  it("is green for every check on the right setup, in checksFor's order", async () => {
    const inputs = proxies.good!.inputs;
    const results = await runChecks(inputs, { config });
    expect(results.map((r) => [r.check, r.state, r.reason])).toEqual([
      ["dns-a", "green", "ok"],
      ["dns-srv", "green", "ok"],
      ["tls", "green", "ok"],
      ["websocket", "green", "ok"],
    ]);
    expect(checksFor(inputs)).toEqual(["dns-a", "dns-srv", "tls", "websocket", "push"]);
    const tls = results[2]!;
    expect(tls.seen).toMatchObject({
      subject: HOST,
      issuer: "Connectivity Test CA",
      names: HOST,
      address: "127.0.0.1",
    });
    expect(["TLSv1.2", "TLSv1.3"]).toContain(tls.seen.protocol);
    expect(tls.seen.daysLeft).toBeGreaterThanOrEqual(29);
    expect(tls.seen.oldProtocolAccepted).toBeUndefined();
    expect(results[3]!.seen).toMatchObject({ status: 101 });
    expect(standIn.upgrades()).toBeGreaterThan(0);
  });

  it.each([
    ["expired", "cert-expired", {}],
    ["wrongName", "name-mismatch", { names: "other.example.test", host: HOST }],
    [
      "untrusted",
      "untrusted-chain",
      { issuer: "Stranger CA", verifyError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" },
    ],
  ])("tls is red for the %s certificate: %s", async (name, reason, seen) => {
    const r = await run(name, tlsCheck);
    expect(r).toMatchObject({ check: "tls", state: "red", reason, seen });
  });

  it("tls is amber cert-expiring with the days left when fewer than 14 remain", async () => {
    const r = await run("expiring", tlsCheck);
    expect(r).toMatchObject({ state: "amber", reason: "cert-expiring" });
    expect(r.seen.daysLeft).toBeLessThanOrEqual(5);
  });

  it("websocket is red no-upgrade with the status when the proxy drops the Upgrade headers", async () => {
    const r = await run("noUpgrade", websocketCheck);
    expect(r).toMatchObject({ state: "red", reason: "no-upgrade", seen: { status: 426 } });
  });

  it("websocket is red proxy-error when nothing answers behind the proxy", async () => {
    const r = await run("noUpstream", websocketCheck);
    expect(r).toMatchObject({ state: "red", reason: "proxy-error", seen: { status: 502 } });
  });

  it("tls and websocket are red refused once the proxy is stopped", async () => {
    await proxies.stopped!.nginx.stop();
    const [tls, ws] = await Promise.all([run("stopped", tlsCheck), run("stopped", websocketCheck)]);
    expect(tls).toMatchObject({ state: "red", reason: "refused", seen: { code: "ECONNREFUSED" } });
    expect(ws).toMatchObject({ state: "red", reason: "refused" });
  });
});
