import ipaddr from "ipaddr.js";

/**
 * The connectivity assistant's value rules as plain predicates: the zod schema (inputs.ts) turns
 * them into per-field error codes, the generators (files/) assert them again before a value goes
 * into a configuration file. Client-safe: no Node APIs.
 */

/** Error codes of the assistant's fields, translated under `connectivityFiles.error.<code>`. */
export const fieldCode = {
  scenario: "invalid-scenario",
  publish: "invalid-publish",
  proxyKind: "invalid-proxy-kind",
  hostname: "invalid-hostname",
  hostnameIsAddress: "hostname-is-address",
  port: "invalid-port",
  portConflict: "port-conflict",
  address: "invalid-address",
  notPublic: "not-public-address",
} as const;

type Checked = { ok: true; value: string } | { ok: false; code: string };

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

// Examples in the vendor's guide and customers' own documents use these, so they count as public.
const DOCUMENTATION = ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32"].map((c) =>
  ipaddr.parseCIDR(c),
);

/** A strictly written IP address (no `127.1`, `0x7f…` or zone ids), or null. */
export function parseIp(value: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(value)) return ipaddr.IPv4.parse(value);
  if (value.includes("%") || !ipaddr.IPv6.isValid(value)) return null;
  return ipaddr.IPv6.parse(value);
}

/**
 * A DNS host name after RFC 1123: labels of 1–63 letters, digits and hyphens, no hyphen at either
 * end, at most 253 characters; lower-cased, without the trailing dot. International names become
 * their xn-- form. `singleLabel` allows LAN names like `ucserver01`.
 */
export function checkHostname(raw: string, { singleLabel = false } = {}): Checked {
  let value = raw.trim().toLowerCase().replace(/\.$/, "");
  if (/[^\x20-\x7e]/.test(value)) {
    // The URL parser applies IDNA (both in Node and in browsers); its result is checked like any name.
    try {
      value = new URL(`http://${value}/`).hostname;
    } catch {
      return { ok: false, code: fieldCode.hostname };
    }
  }
  if (parseIp(value) || parseIp(value.replace(/^\[(.*)\]$/, "$1"))) {
    return { ok: false, code: fieldCode.hostnameIsAddress };
  }
  const labels = value.split(".");
  if (value.length === 0 || value.length > 253) return { ok: false, code: fieldCode.hostname };
  if (!labels.every((l) => LABEL.test(l))) return { ok: false, code: fieldCode.hostname };
  if (labels.length < 2 && !singleLabel) return { ok: false, code: fieldCode.hostname };
  // An all-digit last label reads as a number to resolvers (`10.1` is 10.0.0.1), never a name.
  if (/^\d+$/.test(labels[labels.length - 1] ?? "")) return { ok: false, code: fieldCode.hostname };
  return { ok: true, value };
}

/** A public unicast address (documentation ranges included), normalised (`2001:db8::1`). */
export function checkPublicAddress(raw: string): Checked {
  const ip = parseIp(raw.trim());
  if (!ip) return { ok: false, code: fieldCode.address };
  if (!isPublic(ip)) return { ok: false, code: fieldCode.notPublic };
  return { ok: true, value: ip.toString() };
}

function isPublic(ip: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (DOCUMENTATION.some(([net, bits]) => net.kind() === ip.kind() && ip.match(net, bits))) return true;
  if (ip.range() !== "unicast") return false;
  // ipaddr.js calls everything it has no name for unicast; only 2000::/3 is global unicast in IPv6.
  return ip.kind() === "ipv4" || ip.match(ipaddr.IPv6.parse("2000::"), 3);
}

/**
 * The UCServer's address as the proxy reaches it: any unicast IP (private and loopback are the
 * normal case here) or a host name, including a single-label LAN name.
 */
export function checkInternalAddress(raw: string): Checked {
  const value = raw.trim();
  const ip = parseIp(value);
  if (ip) {
    const refused = ["unspecified", "multicast", "broadcast"];
    return refused.includes(ip.range())
      ? { ok: false, code: fieldCode.address }
      : { ok: true, value: ip.toString() };
  }
  // Something that looks like an address attempt (digits and dots, or a colon) is a bad address.
  if (/^[\d.]+$/.test(value) || value.includes(":")) return { ok: false, code: fieldCode.address };
  const name = checkHostname(value, { singleLabel: true });
  return name.ok ? name : { ok: false, code: fieldCode.address };
}

export function isPort(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** `publicHost` without its first label, when that still is a domain (two labels or more). */
export function parentDomain(host: string): string | undefined {
  const rest = host.split(".").slice(1);
  return rest.length >= 2 ? rest.join(".") : undefined;
}
