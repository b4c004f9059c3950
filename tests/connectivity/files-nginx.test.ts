import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer, request as httpsRequest } from "node:https";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { nginxConfig } from "@/lib/connectivity/files";
import type { NginxOptions } from "@/lib/connectivity/files/nginx";
import type { ConnectivityInputs } from "@/lib/connectivity/types";
import { freePort } from "../support/free-port";
import { forms, parsed, requireBinary } from "./files-fixtures";

const NAME = "ucserver.example.com";
const TEMP_PATHS = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"];

let dir: string;
let cert: string;
let key: string;

beforeAll(() => {
  requireBinary("nginx", "-v");
  requireBinary("openssl", "version");
  dir = mkdtempSync(path.join(tmpdir(), "files-nginx-"));
  cert = path.join(dir, "cert.pem");
  key = path.join(dir, "key.pem");
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", `/CN=${NAME}`],
      ...["-addext", `subjectAltName=DNS:${NAME}`, "-keyout", key, "-out", cert],
    ],
    { stdio: "pipe" },
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A main conf of the test's own (pid, logs, temp paths in `at`) that includes the generated file. */
function writeMain(at: string, site: string): string[] {
  mkdirSync(at, { recursive: true });
  for (const p of TEMP_PATHS) mkdirSync(path.join(at, p), { recursive: true });
  writeFileSync(path.join(at, "site.conf"), site);
  const main = [
    // As root, workers would switch to nobody and lose the 0700 temp folder.
    process.getuid?.() === 0 ? "user root;" : "",
    `pid ${path.join(at, "nginx.pid")};`,
    `error_log ${path.join(at, "error.log")};`,
    "events {}",
    "http {",
    "  access_log off;",
    ...TEMP_PATHS.map((p) => `  ${p}_temp_path ${path.join(at, p)};`),
    `  include ${path.join(at, "site.conf")};`,
    "}",
  ];
  writeFileSync(path.join(at, "nginx.conf"), main.join("\n"));
  return ["-p", at, "-e", path.join(at, "error.log"), "-c", path.join(at, "nginx.conf")];
}

function nginxTest(site: string): { status: number | null; output: string } {
  const args = writeMain(mkdtempSync(path.join(dir, "t-")), site);
  const r = spawnSync("nginx", [...args, "-t"], { encoding: "utf8" });
  return { status: r.status, output: `${r.stderr}${r.stdout}` };
}

function nginxVersion(): [number, number, number] {
  const out = spawnSync("nginx", ["-v"], { encoding: "utf8" }).stderr;
  const m = /nginx\/(\d+)\.(\d+)\.(\d+)/.exec(out);
  if (!m) throw new Error(`cannot read the nginx version from: ${out}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const inputs = (extra: Record<string, string> = {}) =>
  parsed({ ...forms.proxy, internalAddress: "127.0.0.1", ...extra });
const withCert = (o: NginxOptions = {}): NginxOptions => ({
  certificatePath: cert,
  keyPath: key,
  httpPort: 18080,
  ...o,
});

describe("nginx configuration", () => {
  it("is current: TLS 1.2/1.3 only, no `ssl on`, WebSocket headers and timeouts, forwarded headers", () => {
    const conf = nginxConfig(parsed(forms.proxy));
    expect(conf).toContain("    ssl_protocols TLSv1.2 TLSv1.3;\n");
    expect(conf).not.toMatch(/^\s*ssl\s+on\s*;/m);
    expect(conf).not.toMatch(/TLSv1(\.1)?[\s;]/);
    expect(conf).toContain("    ssl_prefer_server_ciphers off;\n");
    expect(conf).toContain("    listen 443 ssl http2;\n");
    expect(conf).toContain(`    server_name ${NAME};\n`);
    expect(conf).toContain(`    ssl_certificate /etc/nginx/ssl/${NAME}.crt;\n`);
    expect(conf).toContain(`    ssl_certificate_key /etc/nginx/ssl/${NAME}.key;\n`);
    expect(conf).toContain(`    return 301 https://${NAME}$request_uri;\n`);
    const ws = /location \/ws\/client\/websocket \{([^}]*)\}/.exec(conf)?.[1] ?? "";
    for (const line of [
      "proxy_pass https://192.168.1.20:7225;",
      "proxy_http_version 1.1;",
      "proxy_set_header Upgrade $http_upgrade;",
      'proxy_set_header Connection "upgrade";',
      "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
      "proxy_set_header X-Forwarded-Proto $scheme;",
      "proxy_set_header X-Real-IP $remote_addr;",
      "proxy_set_header Host $host;",
      "proxy_read_timeout 3600s;",
      "proxy_send_timeout 3600s;",
    ]) {
      expect(ws).toContain(line);
    }
    const root = /location \/ \{([^}]*)\}/.exec(conf)?.[1] ?? "";
    expect(root).toContain("proxy_pass https://192.168.1.20:7225;");
    expect(root).toContain("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
    // Nothing that needs root or belongs to the main conf.
    expect(conf).not.toMatch(/^\s*(user|pid|error_log|access_log|worker_processes|events|http)\b/m);
  });

  it("puts the port into the redirect when it is not 443, and honours the http2 switch", () => {
    const conf = nginxConfig(inputs({ publicPort: "8443" }), { httpPort: 8080, nginxHttp2: "directive" });
    expect(conf).toContain("    listen 8080;\n");
    expect(conf).toContain(`    return 301 https://${NAME}:8443$request_uri;\n`);
    expect(conf).toContain("    listen 8443 ssl;\n    http2 on;\n");
    expect(nginxConfig(inputs(), { nginxHttp2: "off" })).not.toMatch(/http2/);
  });

  it.each<[string, ConnectivityInputs, NginxOptions]>([
    ["default", inputs(), {}],
    ["IPv6 upstream", inputs({ internalAddress: "::1" }), {}],
    ["host-name upstream", inputs({ internalAddress: "localhost" }), {}],
    [
      "DMZ, own port",
      parsed({ ...forms.dmz, proxyKind: "nginx", internalAddress: "127.0.0.1", publicPort: "8443" }),
      {},
    ],
    ["without HTTP/2", inputs(), { nginxHttp2: "off" }],
  ])("passes nginx -t: %s", (_, i, o) => {
    const r = nginxTest(nginxConfig(i, withCert(o)));
    expect(r.output).toContain("test is successful");
    expect(r.status).toBe(0);
  });

  it("`http2 on;` passes nginx -t from 1.25.1 on, and is refused before (why `listen` is the default)", () => {
    const [major, minor, patch] = nginxVersion();
    const modern = major > 1 || minor > 25 || (minor === 25 && patch >= 1);
    const r = nginxTest(nginxConfig(inputs(), withCert({ nginxHttp2: "directive" })));
    if (modern) expect(r.status).toBe(0);
    else expect(r.output).toContain('unknown directive "http2"');
  });

  it("the nginx -t harness fails on a broken file", () => {
    const broken = nginxConfig(inputs(), withCert()).replace(
      "proxy_http_version 1.1;",
      "proxy_http_version 1.1",
    );
    expect(nginxTest(broken).status).not.toBe(0);
    const missingCert = nginxConfig(inputs(), withCert({ certificatePath: path.join(dir, "missing.pem") }));
    expect(nginxTest(missingCert).status).not.toBe(0);
  });
});

describe("nginx running the generated file", () => {
  let nginx: ChildProcess | undefined;
  let upstream: ReturnType<typeof createServer> | undefined;
  let publicPort: number;
  let httpPort: number;
  let output = "";
  const tls = { ca: "", servername: NAME, host: "127.0.0.1" };

  beforeAll(async () => {
    const upstreamPort = await freePort();
    publicPort = await freePort();
    httpPort = await freePort();
    // The UCServer's web services: echoes what it received, and a WebSocket endpoint that echoes messages.
    upstream = createServer({ cert: readFileSync(cert), key: readFileSync(key) }, (req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ url: req.url, headers: req.headers }));
    });
    const wss = new WebSocketServer({ server: upstream, path: "/ws/client/websocket" });
    wss.on("connection", (socket) => socket.on("message", (m) => socket.send(`echo:${m.toString()}`)));
    await new Promise<void>((resolve) => upstream!.listen(upstreamPort, "127.0.0.1", resolve));

    const site = nginxConfig(
      inputs({ publicPort: String(publicPort), internalHttpsPort: String(upstreamPort) }),
      withCert({ httpPort }),
    );
    const args = writeMain(path.join(dir, "run"), site);
    nginx = spawn("nginx", [...args, "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
    nginx.stdout?.on("data", (d) => (output += d));
    nginx.stderr?.on("data", (d) => (output += d));
    await waitForTcp(publicPort, () => output);
    tls.ca = readFileSync(cert, "utf8");
  });

  afterAll(async () => {
    if (nginx?.exitCode === null) {
      const exited = new Promise((resolve) => nginx!.once("exit", resolve));
      nginx.kill("SIGTERM");
      await exited;
    }
    await new Promise((resolve) => upstream?.close(resolve));
  });

  it("redirects plain HTTP to HTTPS on the public port", async () => {
    const res = await new Promise<{ status?: number; location?: string }>((resolve, reject) => {
      httpRequest({ host: "127.0.0.1", port: httpPort, path: "/login?x=1", headers: { host: NAME } }, (r) => {
        r.resume();
        resolve({ status: r.statusCode, location: r.headers.location });
      })
        .on("error", reject)
        .end();
    });
    expect(res).toEqual({ status: 301, location: `https://${NAME}:${publicPort}/login?x=1` });
  });

  it("proxies HTTPS to the UCServer with the forwarded headers", async () => {
    const body = await new Promise<string>((resolve, reject) => {
      httpsRequest({ ...tls, port: publicPort, path: "/api/status?y=2", headers: { host: NAME } }, (r) => {
        let text = "";
        r.on("data", (d) => (text += d));
        r.on("end", () => resolve(text));
      })
        .on("error", reject)
        .end();
    });
    const seen = JSON.parse(body) as { url: string; headers: Record<string, string> };
    expect(seen.url).toBe("/api/status?y=2");
    expect(seen.headers).toMatchObject({
      host: NAME,
      "x-real-ip": "127.0.0.1",
      "x-forwarded-for": "127.0.0.1",
      "x-forwarded-proto": "https",
    });
  });

  it("passes the WebSocket upgrade through", async () => {
    const ws = new WebSocket(`wss://127.0.0.1:${publicPort}/ws/client/websocket`, {
      ...tls,
      headers: { host: NAME },
    });
    const reply = await new Promise<string>((resolve, reject) => {
      ws.once("open", () => ws.send("hello"));
      ws.once("message", (m) => resolve(m.toString()));
      ws.once("error", reject);
    });
    ws.close();
    expect(reply).toBe("echo:hello");
  });
});

async function waitForTcp(port: number, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const s = connect(port, "127.0.0.1");
      s.once("connect", () => resolve(s.end() && true));
      s.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nginx did not open port ${port}:\n${output()}`);
}
