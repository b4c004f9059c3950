import ipaddr from "ipaddr.js";

/**
 * Which addresses the checker may connect to. Strangers choose the names it resolves, so anything
 * that reaches the portal's own host, its LAN or its cloud provider is refused (conventions, habit
 * 13): only global unicast passes, unless a test opened a range through the allow-list.
 */

type Ip = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Ip, number];

export type AddressVerdict =
  | { allowed: true; address: string }
  | { allowed: false; address: string; range: string };

/**
 * Cloud metadata endpoints, refused even when an allow-list range covers them: AWS/GCP/Azure/
 * OpenStack 169.254.169.254, Alibaba 100.100.100.200, AWS's IPv6 fd00:ec2::254, Azure's WireServer
 * 168.63.129.16 (a public-looking address that only means something inside Azure).
 */
const METADATA = ["169.254.169.254", "100.100.100.200", "fd00:ec2::254", "168.63.129.16"].map((a) =>
  ipaddr.parse(a).toNormalizedString(),
);

/** Global unicast IPv6 (RFC 4291): everything outside it is unassigned, local or special. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");

const parsedAllowLists = new Map<string, Cidr[]>();

/**
 * Parses the allow-list's CIDRs (e.g. `127.0.0.0/8`). A bad entry throws with the entry named, so
 * a typo in CONNECTIVITY_ALLOW_CIDRS stops start-up instead of silently allowing nothing.
 */
export function parseAllowList(allow: readonly string[]): Cidr[] {
  const key = allow.join(",");
  const hit = parsedAllowLists.get(key);
  if (hit) return hit;
  const cidrs = allow.map((entry): Cidr => {
    const text = entry.trim();
    if (!ipaddr.isValidCIDR(text)) {
      throw new Error(`CONNECTIVITY_ALLOW_CIDRS: "${text}" is not a CIDR range such as 127.0.0.0/8`);
    }
    return ipaddr.parseCIDR(text);
  });
  parsedAllowLists.set(key, cidrs);
  return cidrs;
}

/** The IPv4 address an IPv6 address stands for (mapped, SIIT, NAT64, 6to4), if any. */
function embeddedIpv4(v6: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const range = v6.range();
  const bytes = v6.toByteArray();
  if (range === "ipv4Mapped" || range === "rfc6145") return v6.toIPv4Address();
  // 64:ff9b::/96 carries the IPv4 address in its last 32 bits (RFC 6052).
  if (range === "rfc6052" && v6.match(ipaddr.IPv6.parseCIDR("64:ff9b::/96"))) {
    return new ipaddr.IPv4(bytes.slice(12, 16));
  }
  // 2002:AABB:CCDD::/48 is 6to4 for AA.BB.CC.DD (RFC 3056).
  if (range === "6to4") return new ipaddr.IPv4(bytes.slice(2, 6));
  return undefined;
}

/** The range name that makes an address unreachable for the checker, or undefined when it is public. */
function refusedRange(ip: Ip): string | undefined {
  if (METADATA.includes(ip.toNormalizedString())) return "metadata";
  if (ip.kind() === "ipv4") {
    const range = (ip as ipaddr.IPv4).range();
    return range === "unicast" ? undefined : range;
  }
  const v6 = ip as ipaddr.IPv6;
  const v4 = embeddedIpv4(v6);
  if (v4) return refusedRange(v4);
  const range = v6.range();
  if (range !== "unicast") return range;
  return v6.match(GLOBAL_UNICAST_V6) ? undefined : "reserved";
}

function allowed(ip: Ip, cidrs: Cidr[]): boolean {
  return cidrs.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits));
}

/**
 * Whether the checker may connect to `address` (an IP literal; names are resolved first by the
 * caller). Refused: loopback, private, CGNAT, link-local, unspecified, multicast, broadcast,
 * reserved, unique-local, IPv4 embedded in IPv6 that is any of those, and metadata endpoints.
 */
export function checkAddress(address: string, allow: readonly string[]): AddressVerdict {
  if (!ipaddr.isValid(address)) return { allowed: false, address, range: "invalid" };
  const ip = ipaddr.parse(address);
  const v4 = ip.kind() === "ipv6" ? embeddedIpv4(ip as ipaddr.IPv6) : undefined;
  // The address the socket will use: the plain IPv4 form of a mapped address.
  const target = v4 && (ip as ipaddr.IPv6).isIPv4MappedAddress() ? v4.toString() : ip.toString();
  const range = refusedRange(ip);
  if (range === undefined) return { allowed: true, address: target };
  if (range === "metadata") return { allowed: false, address, range };
  const cidrs = parseAllowList(allow);
  if (allowed(ip, cidrs) || (v4 && allowed(v4, cidrs))) return { allowed: true, address: target };
  return { allowed: false, address, range };
}

/** Whether `host` is an IP literal rather than a DNS name. */
export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host) && (host.includes(":") || ipaddr.IPv4.isValidFourPartDecimal(host));
}
