import type { ConnectivityInputs } from "../types";
import { host, port, publicIp } from "./safe";

/** One DNS record the customer creates, for the UI's table and the zone file. */
export type DnsRecord = {
  /** Fully qualified, with the trailing dot: `ucserver.example.com.` */
  name: string;
  ttl: number;
  type: "A" | "AAAA" | "SRV";
  /** The record data as a zone file writes it; a placeholder token when the address is unknown. */
  value: string;
  /** True when `value` is a placeholder the customer must replace with the public address. */
  placeholder: boolean;
  /** What the record is for: `connectivityFiles.record.<purpose>`. */
  purpose: "public-host" | "srv" | "turn-host";
};

/** One hour: short enough to correct a mistake the same day, long enough not to load the servers. */
export const DNS_TTL = 3600;

/**
 * The guide's SRV values. Priority 0: the lowest number is tried first, and there is one target.
 * Weight 5: only shares load between targets of equal priority, so with one target any value works;
 * 5 is what the guide uses.
 */
export const SRV_PRIORITY = 0;
export const SRV_WEIGHT = 5;

// Not an address, so that a zone with a forgotten replacement fails to load instead of quietly
// pointing the name somewhere wrong.
export const ADDRESS_PLACEHOLDER = "<your-public-IPv4-address>";

function addressRecord(name: string, address: string | undefined, purpose: DnsRecord["purpose"]): DnsRecord {
  return {
    name: `${name}.`,
    ttl: DNS_TTL,
    type: address?.includes(":") ? "AAAA" : "A",
    value: address ?? ADDRESS_PLACEHOLDER,
    placeholder: address === undefined,
    purpose,
  };
}

/** The records for a scenario that publishes the UCServer: A/AAAA, SRV, and the TURN server's A. */
export function dnsRecords(inputs: ConnectivityInputs): DnsRecord[] {
  const publicHost = host(inputs, "publicHost");
  const srvDomain = host(inputs, "srvDomain");
  const publicPort = port(inputs.publicPort, "publicPort");
  const records = [addressRecord(publicHost, publicIp(inputs, "publicAddress"), "public-host")];
  records.push({
    name: `_ctiwebserver._tcp.${srvDomain}.`,
    ttl: DNS_TTL,
    type: "SRV",
    value: `${SRV_PRIORITY} ${SRV_WEIGHT} ${publicPort} ${publicHost}.`,
    placeholder: false,
    purpose: "srv",
  });
  if (inputs.scenario === "own-turn") {
    const turn = addressRecord(host(inputs, "turnHost"), publicIp(inputs, "turnExternalIp"), "turn-host");
    // The same host for both (one machine) needs its address record once.
    const same = records[0]?.name === turn.name && records[0].value === turn.value;
    if (!same) records.push(turn);
  }
  return records;
}

const NOTES: Record<DnsRecord["purpose"], string[]> = {
  "public-host": [
    "; The name the apps connect to. Outside it resolves to your public address; inside the LAN it",
    "; must resolve too (split DNS), to the UCServer or the proxy.",
  ],
  srv: [
    "; Lets the apps find the server from the domain alone. Data: priority 0 (lowest is tried first),",
    "; weight 5 (shares load among equal priorities; one target, so any value works), port, target.",
  ],
  "turn-host": ["; The STUN/TURN server for audio/video, at its public address."],
};

/** The records as zone-file lines (BIND syntax), each with a comment saying why it is there. */
export function zoneFile(inputs: ConnectivityInputs): string {
  const records = dnsRecords(inputs);
  const lines = [`; DNS records for ${inputs.publicHost} (zone-file format, TTL ${DNS_TTL} s).`];
  for (const r of records) {
    lines.push("", ...NOTES[r.purpose]);
    const line = `${r.name} ${r.ttl} IN ${r.type} ${r.value}`;
    lines.push(r.placeholder ? `${line} ; replace with your public address` : line);
  }
  return `${lines.join("\n")}\n`;
}
