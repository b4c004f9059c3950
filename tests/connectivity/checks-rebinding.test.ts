import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type CheckerConfig, runChecks } from "@/lib/connectivity/checks";
import type { ConnectivityInputs } from "@/lib/connectivity/types";
import { type DnsmasqPeer, issueCert, makeCa, startDnsmasq } from "@/tests/support/connectivity-peers";
import { tempDir } from "@/tests/support/peer-process";

// Only 127.0.0.2 is opened, and only it serves: a connection made after a second lookup, or to
// any address but the checked one, would show up here or fail.
const NAME = "rebind.example.test";
const MIXED = "mixed.example.test";
const localAddresses: string[] = [];
let server: https.Server;
let dns: DnsmasqPeer;
let config: CheckerConfig;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  const dir = await tempDir("connectivity-rebinding");
  removeDir = dir.remove;
  const ca = makeCa(dir.path);
  const cert = issueCert(ca, { names: [NAME, MIXED] });
  server = https.createServer({ key: readFileSync(cert.keyPath), cert: readFileSync(cert.certPath) });
  server.on("connection", (s: Socket) => localAddresses.push(s.localAddress ?? "?"));
  server.on("upgrade", (req, socket: Socket) => {
    const accept = createHash("sha1")
      .update(`${req.headers["sec-websocket-key"]}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest("base64");
    socket.end(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.2", r));
  dns = await startDnsmasq({
    records: {
      a: [
        [NAME, "127.0.0.2"],
        [MIXED, "127.0.0.2"],
        [MIXED, "10.0.0.1"],
      ],
    },
  });
  config = { allow: ["127.0.0.2/32"], dnsServers: [dns.server], ca: ca.pem, timeoutMs: 2000 };
});

afterAll(async () => {
  await dns?.stop();
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
  await removeDir?.();
});

const inputs = (host: string): ConnectivityInputs => ({
  scenario: "forwarding",
  publish: "forwarding",
  publicHost: host,
  publicPort: (server.address() as AddressInfo).port,
});

it("asks DNS once per check and connects to the address it checked", async () => {
  const results = await runChecks(inputs(NAME), { config, only: ["tls", "websocket"] });
  expect(results.map((r) => [r.check, r.state, r.reason])).toEqual([
    ["tls", "green", "ok"],
    ["websocket", "green", "ok"],
  ]);
  expect(results.map((r) => r.seen.address)).toEqual(["127.0.0.2", "127.0.0.2"]);
  // One A and one AAAA query per check; the TLS check's two handshakes reuse its one answer.
  expect(dns.queries(NAME, "A")).toBe(2);
  expect(dns.queries(NAME, "AAAA")).toBe(2);
  // TCP connections: the TLS check's handshake and its TLS 1.1 probe, the WebSocket request.
  expect(localAddresses.length).toBe(3);
  expect(new Set(localAddresses)).toEqual(new Set(["127.0.0.2"]));
});

it("refuses a name with one allowed and one refused address, without connecting", async () => {
  const before = localAddresses.length;
  const results = await runChecks(inputs(MIXED), { config, only: ["tls", "websocket"] });
  expect(results.map((r) => [r.reason, r.seen.address, r.seen.range])).toEqual([
    ["blocked-address", "10.0.0.1", "private"],
    ["blocked-address", "10.0.0.1", "private"],
  ]);
  expect(localAddresses.length).toBe(before);
});
