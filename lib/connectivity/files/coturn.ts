import { parseIp } from "../fields";
import type { ConnectivityInputs } from "../types";
import { RELAY_PORTS } from "./firewall";
import type { GenerateOptions } from "./options";
import { host, port, publicIp, UnsafeValueError } from "./safe";

export type CoturnOptions = Pick<GenerateOptions, "turnSecret">;

/**
 * Peers the relay must never reach, in coturn's `a-b` range syntax: this network, RFC 1918,
 * shared (CGNAT), loopback, link-local (cloud metadata), IETF protocol assignments, benchmarking,
 * reserved, IPv6 loopback, unique-local and link-local. Otherwise anyone holding credentials could
 * use the TURN server to reach machines behind your firewall. Multicast has its own switch.
 */
export const DENIED_PEER_RANGES = [
  "0.0.0.0-0.255.255.255",
  "10.0.0.0-10.255.255.255",
  "100.64.0.0-100.127.255.255",
  "127.0.0.0-127.255.255.255",
  "169.254.0.0-169.254.255.255",
  "172.16.0.0-172.31.255.255",
  "192.0.0.0-192.0.0.255",
  "192.168.0.0-192.168.255.255",
  "198.18.0.0-198.19.255.255",
  "240.0.0.0-255.255.255.255",
  "::1",
  "fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
  "fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
];

// Printable, no whitespace, no `#` (comment) and no quotes: what `openssl rand -hex|-base64` prints.
const SECRET = /^[A-Za-z0-9+/=._~-]{16,256}$/;

/**
 * coturn's turnserver.conf for the customer's own STUN/TURN server, with the "Shared Secret (TURN
 * REST API)" authentication the UCServer uses. Accepted by coturn 4.6 (`turnserver -c <file>`).
 */
export function coturnConfig(inputs: ConnectivityInputs, options: CoturnOptions = {}): string {
  const turnHost = host(inputs, "turnHost");
  const realm = host(inputs, "turnRealm");
  const turnPort = port(inputs.turnPort, "turnPort");
  const externalIp = publicIp(inputs, "turnExternalIp");
  if (options.turnSecret !== undefined && !SECRET.test(options.turnSecret)) {
    throw new UnsafeValueError("turnSecret");
  }
  const [minPort, maxPort] = RELAY_PORTS.split("-");
  const ucserverIp =
    inputs.internalAddress && parseIp(inputs.internalAddress) ? inputs.internalAddress : null;

  const lines = [
    `# coturn (turnserver.conf) for ${turnHost}: STUN/TURN for ProCall audio/video.`,
    "# Debian/Ubuntu: /etc/turnserver.conf, then: systemctl restart coturn",
    "",
    "# STUN and TURN over UDP and TCP on this port.",
    `listening-port=${turnPort}`,
    "fingerprint",
    "",
    "# Shared Secret (TURN REST API): the UCServer derives short-lived credentials from this secret.",
    "# Enter the same secret in the UCServer's TURN settings. Make a new one with: openssl rand -hex 32",
    "use-auth-secret",
    ...(options.turnSecret
      ? [`static-auth-secret=${options.turnSecret}`]
      : [
          "# Until you set it, nobody can authenticate (the server fails closed): replace the placeholder",
          "# and remove the # at the start of the next line.",
          "#static-auth-secret=REPLACE-WITH-OUTPUT-OF-openssl-rand-hex-32",
        ]),
    `realm=${realm}`,
    "",
    "# The public address the apps reach the server on. Behind NAT, write public/private:",
    "# external-ip=203.0.113.10/192.168.1.10",
    externalIp ? `external-ip=${externalIp}` : "#external-ip=<public address of this server>",
    "",
    "# Relay ports; the firewall must let them in (UDP).",
    `min-port=${minPort}`,
    `max-port=${maxPort}`,
    "",
    "# Hardening: no admin console, no TLS 1.0/1.1, no version in answers.",
    "no-cli",
    "no-tlsv1",
    "no-tlsv1_1",
    "no-software-attribute",
    "",
    "# Never relay into private, loopback or special networks (loopback peers are refused by default;",
    "# do not set allow-loopback-peers), nor to multicast addresses.",
    "no-multicast-peers",
    ...DENIED_PEER_RANGES.map((r) => `denied-peer-ip=${r}`),
    ...(ucserverIp
      ? [
          "# If the TURN server must reach the UCServer directly on its internal address, allow only that one:",
          `#allowed-peer-ip=${ucserverIp}`,
        ]
      : []),
  ];
  return `${lines.join("\n")}\n`;
}
