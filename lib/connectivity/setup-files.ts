import type { ConnectivityFileOptions, Locale } from "@/db/schema";
import { log } from "@/lib/log";
import { generatorOptions } from "./file-options";
import { type DnsRecord, dnsRecords, firewallRules, generateFiles, UnsafeValueError } from "./files";
import type { ConnectivityInputs, FirewallRule, GeneratedFile } from "./types";

/** What the customer sets up for a saved scenario: the files, and the DNS and firewall lists as tables. */
export type ConnectivitySetup = { files: GeneratedFile[]; dns: DnsRecord[]; firewall: FirewallRule[] };

/**
 * The setup for saved inputs, in the reader's language. Saved inputs passed the same rules the
 * generators check again, so a refusal here means stored data no longer fits them (a rule got
 * stricter): nothing is shown rather than a file that could carry a stray directive, and the page
 * asks for the scenario to be saved again.
 */
export function connectivitySetup(
  inputs: ConnectivityInputs,
  fileOptions: ConnectivityFileOptions,
  locale: Locale,
): ConnectivitySetup | null {
  const options = generatorOptions(fileOptions, locale);
  try {
    const method = inputs.scenario === "own-turn" ? inputs.publish : inputs.scenario;
    const published = method === "forwarding" || method === "proxy" || method === "dmz";
    return {
      files: generateFiles(inputs, options),
      dns: published ? dnsRecords(inputs) : [],
      firewall: firewallRules(inputs, options),
    };
  } catch (error) {
    if (!(error instanceof UnsafeValueError)) throw error;
    log("connectivity").warn({ field: error.message }, "saved inputs no longer generate");
    return null;
  }
}
