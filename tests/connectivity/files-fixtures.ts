import { spawnSync } from "node:child_process";
import type { GenerateOptions } from "@/lib/connectivity/files";
import { parseConnectivityInputs } from "@/lib/connectivity/inputs";
import type { ConnectivityInputs, Scenario } from "@/lib/connectivity/types";

/** The portal's own services as the generators get them (lib/connectivity/file-options.ts in the app). */
export const options: GenerateOptions = {
  ucconnect: { portalHost: "portal.ucconnect.example", turnHost: "turn.ucconnect.example", turnPort: 3478 },
};

const web = { publicHost: "ucserver.example.com", internalAddress: "192.168.1.20" };

/** One complete form per scenario, as the browser sends it (strings; empty means not given). */
export const forms: Record<Scenario, Record<string, string>> = {
  lan: { scenario: "lan", internalAddress: "192.168.1.20" },
  ucconnect: { scenario: "ucconnect", internalAddress: "192.168.1.20" },
  forwarding: { scenario: "forwarding", ...web, publicAddress: "198.51.100.7", publicPort: "" },
  proxy: { scenario: "proxy", ...web, proxyKind: "nginx", publicAddress: "198.51.100.7" },
  dmz: { scenario: "dmz", ...web, proxyKind: "iis" },
  "own-turn": {
    scenario: "own-turn",
    publish: "proxy",
    proxyKind: "nginx",
    ...web,
    publicAddress: "198.51.100.7",
    turnHost: "turn.example.com",
    turnExternalIp: "203.0.113.5",
  },
};

/** Parsed inputs, failing the test with the field errors when the form does not parse. */
export function parsed(raw: Record<string, unknown>): ConnectivityInputs {
  const result = parseConnectivityInputs(raw);
  if (!result.ok) throw new Error(`inputs do not parse: ${JSON.stringify(result.fieldErrors)}`);
  return result.inputs;
}

/** Fails (never skips) when a binary the test runs is missing. */
export function requireBinary(name: string, versionFlag: string): void {
  const r = spawnSync(name, [versionFlag], { encoding: "utf8" });
  if (r.error) {
    throw new Error(`${name} is not installed or not on PATH (${r.error.message}); this test needs it.`);
  }
}
