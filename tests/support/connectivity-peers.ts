/**
 * Real peers on 127.0.0.1 for the connectivity checks, shared by the vitest suites and the
 * Playwright journey: plain async functions, each returning what a test needs and a stop() that
 * ends its process and removes its temp folder. Ports come from free-port.ts unless given.
 */
import { promises as dns } from "node:dns";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { ATTR, CLASS, encodeStun, METHOD, newTransactionId } from "@/lib/connectivity/checks/stun-message";
import { closeUdp, openUdp, transact } from "@/lib/connectivity/checks/stun-transport";
import { freePort } from "./free-port";
import { spawnPeer, tempDir, waitUntil } from "./peer-process";

export { type NginxPeer, startNginx } from "./nginx-peer";
export { type IssuedCert, issueCert, makeCa, type TestCa } from "./test-ca";
export { startUcserverStandIn, type UcserverStandIn } from "./ucserver-stand-in";

export type DnsRecords = {
  /** [name, address]: an A record for IPv4, AAAA for IPv6 addresses. */
  a?: [string, string][];
  /** [service name, target, port], e.g. ["_ctiwebserver._tcp.example.test", "ucserver.example.test", 443]. */
  srv?: [string, string, number][];
};

export type DnsmasqPeer = {
  port: number;
  /** `127.0.0.1:<port>`, as CheckerConfig.dnsServers takes it. */
  server: string;
  /** How many queries of `type` (A, AAAA, SRV) for `name` it has logged so far. */
  queries: (name: string, type?: string) => number;
  stop: () => Promise<void>;
};

/**
 * dnsmasq answering only from `records`; every other name under `.test` (RFC 2606) is NXDOMAIN,
 * like a missing record in a real zone. It asks no upstream and ignores /etc/hosts.
 */
export async function startDnsmasq(opts: { port?: number; records: DnsRecords }): Promise<DnsmasqPeer> {
  const port = opts.port ?? (await freePort());
  const args = [
    "--no-daemon",
    `--port=${port}`,
    "--listen-address=127.0.0.1",
    "--bind-interfaces",
    "--no-resolv",
    "--no-hosts",
    "--conf-file=/dev/null",
    "--pid-file",
    "--local=/test/",
    "--log-queries",
    "--log-facility=-",
    ...(opts.records.a ?? []).map(([name, ip]) => `--address=/${name}/${ip}`),
    ...(opts.records.srv ?? []).map(([service, target, p]) => `--srv-host=${service},${target},${p},0,100`),
  ];
  const peer = spawnPeer("dnsmasq", args);
  const resolver = new dns.Resolver({ timeout: 200, tries: 1 });
  resolver.setServers([`127.0.0.1:${port}`]);
  await waitUntil(
    () =>
      resolver.resolve4("ready.invalid.test").then(
        () => true,
        (err: { code?: string }) => err.code === "ENOTFOUND",
      ),
    peer.output,
  );
  return {
    port,
    server: `127.0.0.1:${port}`,
    queries: (name, type = "A") =>
      peer
        .output()
        .split("\n")
        .filter((l) => l.includes(`query[${type}] ${name} `)).length,
    stop: peer.stop,
  };
}

/** Whether a STUN server answers a Binding request on 127.0.0.1:port. */
export async function answersStun(port: number, timeoutMs = 300): Promise<boolean> {
  const target = { address: "127.0.0.1", port };
  const socket = await openUdp(target);
  try {
    const transactionId = newTransactionId();
    const request = encodeStun({ method: METHOD.binding, cls: CLASS.request, transactionId, attributes: [] });
    const reply = await transact(socket, target, request, transactionId, timeoutMs);
    return (
      reply?.message.cls === CLASS.success &&
      reply.message.attributes.some((a) => a.type === ATTR.xorMappedAddress)
    );
  } finally {
    closeUdp(socket);
  }
}

export type CoturnPeer = { port: number; output: () => string; stop: () => Promise<void> };

/**
 * coturn with `confText` as its turnserver.conf, listening on 127.0.0.1:port (UDP and TCP) only,
 * logging to stdout, with its pid file and user database in a temp folder (so it needs no root and
 * leaves nothing behind). Ready once it answers a STUN Binding request.
 */
export async function startCoturn(opts: { confText: string; port?: number }): Promise<CoturnPeer> {
  const port = opts.port ?? (await freePort());
  const dir = await tempDir("coturn");
  const conf = path.join(dir.path, "turnserver.conf");
  await writeFile(conf, opts.confText);
  const peer = spawnPeer("turnserver", [
    "-c",
    conf,
    "--listening-ip=127.0.0.1",
    `--listening-port=${port}`,
    "--log-file=stdout",
    "--simple-log",
    `--pidfile=${path.join(dir.path, "turnserver.pid")}`,
    `--userdb=${path.join(dir.path, "turndb")}`,
    "--no-cli",
  ]);
  const stop = async () => {
    await peer.stop();
    await dir.remove();
  };
  try {
    await waitUntil(() => answersStun(port), peer.output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, output: peer.output, stop };
}
