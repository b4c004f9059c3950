import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import tls from "node:tls";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { CheckerConfig } from "@/lib/connectivity/checks";
import { tlsCheck } from "@/lib/connectivity/checks/tls";
import type { ConnectivityInputs } from "@/lib/connectivity/types";
import { type IssuedCert, issueCert, makeCa, type TestCa } from "@/tests/support/connectivity-peers";
import { tempDir } from "@/tests/support/peer-process";

// The generated nginx file only speaks TLS 1.2/1.3, so servers that still accept older versions
// are Node TLS servers here (SECLEVEL=0 lets OpenSSL 3 offer TLS 1.0/1.1 at all).
const servers: tls.Server[] = [];
let ca: TestCa;
let cert: IssuedCert;
let removeDir: () => Promise<void>;

async function serve(options: tls.TlsOptions): Promise<number> {
  const server = tls.createServer({
    key: readFileSync(cert.keyPath),
    cert: readFileSync(cert.certPath),
    ciphers: "DEFAULT@SECLEVEL=0",
    ...options,
  });
  server.on("secureConnection", (s) => s.end());
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  const dir = await tempDir("connectivity-tls-protocol");
  removeDir = dir.remove;
  ca = makeCa(dir.path);
  cert = issueCert(ca, { names: ["127.0.0.1"] });
});

afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  await removeDir?.();
});

const check = (port: number) => {
  const inputs: ConnectivityInputs = { scenario: "forwarding", publicHost: "127.0.0.1", publicPort: port };
  const config: CheckerConfig = { allow: ["127.0.0.0/8"], ca: ca.pem, timeoutMs: 2000 };
  return tlsCheck(inputs, { config });
};

it("is amber old-protocol-accepted when the server still accepts TLS 1.1", async () => {
  const r = await check(await serve({ minVersion: "TLSv1" }));
  expect(r).toMatchObject({
    state: "amber",
    reason: "old-protocol-accepted",
    seen: { oldProtocolAccepted: true },
  });
  expect(r.seen.protocol).toBe("TLSv1.3");
});

it("is red old-protocol when the server speaks nothing newer than TLS 1.1", async () => {
  const r = await check(await serve({ minVersion: "TLSv1", maxVersion: "TLSv1.1" }));
  expect(r).toMatchObject({ state: "red", reason: "old-protocol", seen: { protocol: "TLSv1.1" } });
});

it("is red tls-error, with the code, when the port speaks no TLS at all", async () => {
  const plain = await import("node:net").then((net) =>
    net.createServer((s) => s.end("HTTP/1.1 400 Bad Request\r\n\r\n")),
  );
  await new Promise<void>((r) => plain.listen(0, "127.0.0.1", r));
  const r = await check((plain.address() as AddressInfo).port);
  plain.close();
  expect(r).toMatchObject({ state: "red", reason: "tls-error" });
  expect(String(r.seen.code)).toMatch(/^ERR_SSL_|^EPROTO$|^ECONNRESET$/);
});
