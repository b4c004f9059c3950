import { Resolver } from "node:dns";
import { readFileSync } from "node:fs";
import { env } from "@/lib/env";
import { parseAllowList } from "./guard";

/**
 * How the checker reaches the outside: which DNS servers it asks (`host:port`; the system's when
 * absent), which otherwise refused ranges it may reach (tests only), an extra trusted CA (PEM text,
 * tests only) and each network step's timeout.
 */
export type CheckerConfig = { dnsServers?: string[]; allow: string[]; ca?: string; timeoutMs: number };

let cached: CheckerConfig | undefined;

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * The checker's configuration from the environment, read once. Throws with the variable named when
 * an allowed range, a DNS server or the CA file is unusable, so the composition root can call it at
 * start-up and refuse to run with a checker that would silently do something else.
 */
export function checkerConfig(): CheckerConfig {
  if (cached) return cached;
  const e = env();
  const allow = list(e.CONNECTIVITY_ALLOW_CIDRS);
  parseAllowList(allow);
  const dnsServers = list(e.CONNECTIVITY_DNS_SERVERS);
  try {
    // Validates the host:port syntax exactly as the checks will use it later.
    if (dnsServers.length > 0) new Resolver().setServers(dnsServers);
  } catch (err) {
    throw new Error(`CONNECTIVITY_DNS_SERVERS: ${(err as Error).message}`);
  }
  let ca: string | undefined;
  if (e.CONNECTIVITY_CA_FILE) {
    try {
      ca = readFileSync(e.CONNECTIVITY_CA_FILE, "utf8");
    } catch (err) {
      throw new Error(
        `CONNECTIVITY_CA_FILE: cannot read ${e.CONNECTIVITY_CA_FILE}: ${(err as Error).message}`,
      );
    }
    if (!ca.includes("-----BEGIN CERTIFICATE-----")) {
      throw new Error(`CONNECTIVITY_CA_FILE: ${e.CONNECTIVITY_CA_FILE} holds no PEM certificate`);
    }
  }
  cached = {
    dnsServers: dnsServers.length > 0 ? dnsServers : undefined,
    allow,
    ca,
    timeoutMs: e.CONNECTIVITY_TIMEOUT_MS,
  };
  return cached;
}
