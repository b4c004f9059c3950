import de from "@/lib/i18n/messages/de/connectivity-files.json";
import en from "@/lib/i18n/messages/en/connectivity-files.json";
import type { ConnectivityInputs, GeneratedFile } from "../types";
import { coturnConfig } from "./coturn";
import { zoneFile } from "./dns";
import { firewallCsv, firewallRules } from "./firewall";
import { iisWebConfig } from "./iis";
import { nginxConfig } from "./nginx";
import type { GenerateOptions } from "./options";
import { host } from "./safe";

export { coturnConfig, DENIED_PEER_RANGES } from "./coturn";
export { ADDRESS_PLACEHOLDER, type DnsRecord, dnsRecords, SRV_PRIORITY, SRV_WEIGHT, zoneFile } from "./dns";
export { firewallCsv, firewallRules, RELAY_PORTS } from "./firewall";
export { iisWebConfig, xmlEscape } from "./iis";
export { nginxConfig } from "./nginx";
export type { GenerateOptions } from "./options";
export { UnsafeValueError } from "./safe";

const RULE_TEXTS: Record<"de" | "en", Record<string, string>> = {
  de: de.connectivityFiles.rule,
  en: en.connectivityFiles.rule,
};

/**
 * Everything the customer sets up for the chosen scenario, in the order the guide does it: DNS,
 * firewall, the reverse proxy, the TURN server. Pure: the same inputs give the same files.
 */
export function generateFiles(inputs: ConnectivityInputs, options: GenerateOptions): GeneratedFile[] {
  const texts = RULE_TEXTS[options.locale ?? "en"];
  const method = inputs.scenario === "own-turn" ? inputs.publish : inputs.scenario;
  const files: GeneratedFile[] = [];
  if (method === "forwarding" || method === "proxy" || method === "dmz") {
    files.push({
      id: "dns",
      filename: "zone.txt",
      contentType: "text/plain; charset=utf-8",
      content: zoneFile(inputs),
    });
  }
  const csv = firewallCsv(firewallRules(inputs, options), (p) => texts[p] ?? p);
  files.push({
    id: "firewall",
    filename: "firewall.csv",
    contentType: "text/csv; charset=utf-8",
    content: csv,
  });
  if ((method === "proxy" || method === "dmz") && inputs.proxyKind === "iis") {
    files.push({
      id: "iis",
      filename: "web.config",
      contentType: "application/xml",
      content: iisWebConfig(inputs),
    });
  } else if (method === "proxy" || method === "dmz") {
    files.push({
      id: "nginx",
      filename: `${host(inputs, "publicHost")}.conf`,
      contentType: "text/plain; charset=utf-8",
      content: nginxConfig(inputs, options),
    });
  }
  if (inputs.scenario === "own-turn") {
    files.push({
      id: "coturn",
      filename: "turnserver.conf",
      contentType: "text/plain; charset=utf-8",
      content: coturnConfig(inputs, options),
    });
  }
  return files;
}
