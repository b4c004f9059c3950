import { type ConnectivityInputs, WEBSOCKET_PATH } from "../types";
import type { GenerateOptions } from "./options";
import { host, hostPort, internal, path, port, UnsafeValueError } from "./safe";

export type NginxOptions = Pick<GenerateOptions, "certificatePath" | "keyPath" | "httpPort" | "nginxHttp2">;

// Mozilla's "intermediate" TLS 1.2 suites without DHE (that would need a dhparam file): forward
// secrecy and AEAD only. TLS 1.3 suites are not configured here; OpenSSL's defaults are all good.
const TLS12_CIPHERS = [
  "ECDHE-ECDSA-AES128-GCM-SHA256",
  "ECDHE-RSA-AES128-GCM-SHA256",
  "ECDHE-ECDSA-AES256-GCM-SHA384",
  "ECDHE-RSA-AES256-GCM-SHA384",
  "ECDHE-ECDSA-CHACHA20-POLY1305",
  "ECDHE-RSA-CHACHA20-POLY1305",
].join(":");

// proxy_set_header in a location replaces every inherited one, so both locations list them all.
const FORWARDED_HEADERS = [
  "proxy_set_header Host $host;",
  "proxy_set_header X-Real-IP $remote_addr;",
  "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
  "proxy_set_header X-Forwarded-Proto $scheme;",
];

/**
 * The reverse proxy's server blocks, to be included in nginx's http context: an HTTP→HTTPS redirect,
 * and the TLS server that forwards the WebSocket path and everything else to the UCServer's HTTPS
 * port. Nothing in it needs root paths beyond the certificate paths the options override.
 */
export function nginxConfig(inputs: ConnectivityInputs, options: NginxOptions = {}): string {
  const name = host(inputs, "publicHost");
  const publicPort = port(inputs.publicPort, "publicPort");
  const httpPort = port(options.httpPort ?? 80, "httpPort");
  if (httpPort === publicPort) throw new UnsafeValueError("httpPort");
  const upstream = `https://${hostPort(internal(inputs), port(inputs.internalHttpsPort, "internalHttpsPort"))}`;
  const cert = path(options.certificatePath ?? `/etc/nginx/ssl/${name}.crt`, "certificatePath");
  const key = path(options.keyPath ?? `/etc/nginx/ssl/${name}.key`, "keyPath");
  const http2 = options.nginxHttp2 ?? "listen";
  const target = publicPort === 443 ? `https://${name}` : `https://${name}:${publicPort}`;

  const lines = [
    `# nginx reverse proxy for the UCServer web services at ${name}.`,
    `# Include it in the http { } context, e.g. as /etc/nginx/conf.d/${name}.conf, then run nginx -t.`,
    "",
    "# Plain HTTP only redirects: the apps and browsers must use HTTPS.",
    "server {",
    `    listen ${httpPort};`,
    `    server_name ${name};`,
    `    return 301 ${target}$request_uri;`,
    "}",
    "",
    "server {",
    ...listen(publicPort, http2),
    `    server_name ${name};`,
    "",
    "    # A certificate the apps trust (full chain, issued for this name) and its key.",
    `    ssl_certificate ${cert};`,
    `    ssl_certificate_key ${key};`,
    "",
    "    # TLS 1.2 and 1.3 only: 1.0 and 1.1 are broken, and every supported app speaks 1.2 or newer.",
    "    ssl_protocols TLSv1.2 TLSv1.3;",
    `    ssl_ciphers ${TLS12_CIPHERS};`,
    "    # All listed ciphers are strong, so the client may pick the one fastest on its hardware.",
    "    ssl_prefer_server_ciphers off;",
    "    # Resumed sessions save a full handshake when an app reconnects; tickets off keeps forward secrecy.",
    "    ssl_session_cache shared:ucserver_tls:10m;",
    "    ssl_session_timeout 1d;",
    "    ssl_session_tickets off;",
    '    add_header Strict-Transport-Security "max-age=63072000" always;',
    "",
    "    # Upstream is the UCServer's HTTPS port (7225), not plain 7224: the hop stays encrypted, and the",
    "    # UCServer sees the same scheme as the apps. Its certificate is usually self-signed or from an",
    "    # internal CA, so nginx does not verify it (proxy_ssl_verify off, nginx's default). To verify it,",
    "    # enter the name in that certificate as the UCServer's internal address, and add here:",
    "    #   proxy_ssl_verify on; proxy_ssl_trusted_certificate /etc/nginx/ssl/internal-ca.crt;",
    "    proxy_ssl_verify off;",
    "    # Sends the UCServer's name in the TLS handshake (SNI) when its address is a name.",
    "    proxy_ssl_server_name on;",
    "",
    "    # The apps' WebSocket: HTTP/1.1 with the Upgrade handshake passed on, and long timeouts",
    "    # because the connection stays open and idle between events.",
    `    location ${WEBSOCKET_PATH} {`,
    `        proxy_pass ${upstream};`,
    "        proxy_http_version 1.1;",
    "        proxy_set_header Upgrade $http_upgrade;",
    '        proxy_set_header Connection "upgrade";',
    ...FORWARDED_HEADERS.map((h) => `        ${h}`),
    "        proxy_read_timeout 3600s;",
    "        proxy_send_timeout 3600s;",
    "    }",
    "",
    "    # Everything else: the UCServer's web services (REST, login, downloads).",
    "    location / {",
    `        proxy_pass ${upstream};`,
    ...FORWARDED_HEADERS.map((h) => `        ${h}`),
    "    }",
    "}",
  ];
  return `${lines.join("\n")}\n`;
}

function listen(p: number, http2: NonNullable<NginxOptions["nginxHttp2"]>): string[] {
  if (http2 === "directive") return [`    listen ${p} ssl;`, "    http2 on;"];
  if (http2 === "off") return [`    listen ${p} ssl;`];
  return [
    "    # HTTP/2 for browsers (the WebSocket below stays HTTP/1.1). nginx 1.25.1 and newer warn about",
    `    # this form and prefer "listen ${p} ssl;" plus "http2 on;"; older versions know only this one.`,
    `    listen ${p} ssl http2;`,
  ];
}
