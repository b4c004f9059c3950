import { promises as dns } from "node:dns";
import type { CheckerConfig } from "./config";
import { checkAddress, isIpLiteral } from "./guard";
import { errorCode, type Outcome, red } from "./result";

/** "No such name" and "no record of this type" from c-ares: an answer, not a failure to ask. */
const NO_ANSWER = new Set(["ENOTFOUND", "ENODATA"]);

/** A resolver asking the configured servers (the system's when none), within the check timeout. */
export function makeResolver(config: CheckerConfig): dns.Resolver {
  // c-ares' timeout is per try; two tries fit in one check timeout.
  const resolver = new dns.Resolver({ timeout: Math.max(50, Math.floor(config.timeoutMs / 2)), tries: 2 });
  if (config.dnsServers && config.dnsServers.length > 0) resolver.setServers(config.dnsServers);
  return resolver;
}

export type Addresses = { ok: true; addresses: string[] } | { ok: false; code: string };

/**
 * A name's A and AAAA records. `ok: false` with ENOTFOUND when neither exists; a failure to get an
 * answer at all (timeout, SERVFAIL, refused) keeps c-ares' code.
 */
export async function resolveAddresses(host: string, config: CheckerConfig): Promise<Addresses> {
  const resolver = makeResolver(config);
  const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
  const addresses = [
    ...(v4.status === "fulfilled" ? v4.value : []),
    ...(v6.status === "fulfilled" ? v6.value : []),
  ];
  if (addresses.length > 0) return { ok: true, addresses };
  const failure = [v4, v6].find((r) => r.status === "rejected" && !NO_ANSWER.has(errorCode(r.reason)));
  return { ok: false, code: failure?.status === "rejected" ? errorCode(failure.reason) : "ENOTFOUND" };
}

export type Target = { ok: true; address: string; addresses: string[] } | { ok: false; outcome: Outcome };

/**
 * Resolves `host` once and checks every address it has; the caller connects to the returned
 * `address` (an IP literal), never to the name, so a second DNS answer cannot send the connection
 * elsewhere (DNS rebinding). One refused address refuses the target: which one a client picks is
 * not ours to know.
 */
export async function resolveTarget(host: string, config: CheckerConfig): Promise<Target> {
  let addresses: string[];
  if (isIpLiteral(host)) {
    addresses = [host];
  } else {
    const answer = await resolveAddresses(host, config);
    if (!answer.ok) {
      const reason = answer.code === "ETIMEOUT" ? "timeout" : "dns-error";
      return { ok: false, outcome: red(reason, { host, code: answer.code }) };
    }
    addresses = answer.addresses;
  }
  const checked: string[] = [];
  for (const address of addresses) {
    const verdict = checkAddress(address, config.allow);
    if (!verdict.allowed) {
      return { ok: false, outcome: red("blocked-address", { host, address, range: verdict.range }) };
    }
    checked.push(verdict.address);
  }
  // IPv4 first: the portal's host may have no IPv6 route, and apps try IPv4 as well.
  const address = checked.find((a) => !a.includes(":")) ?? checked[0]!;
  return { ok: true, address, addresses: checked };
}
