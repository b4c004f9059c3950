import {
  type ConnectivityInputs,
  type FirewallRule,
  UCSERVER_HTTP_PORT,
  UCSERVER_HTTPS_PORT,
} from "../types";
import type { GenerateOptions } from "./options";
import { host, internal, port, serviceHost } from "./safe";

/** TURN relay ports (coturn's min-port/max-port, the IANA dynamic range). */
export const RELAY_PORTS = "49152-65535";

const INTERNET = "Internet (any)";

/**
 * The guide's port table for the scenario: every rule a firewall between the apps, the UCServer and
 * the Internet needs, with a purpose key under `connectivityFiles.rule.*`. Stateful firewalls let
 * the answers back in; no rule here is needed for them.
 */
export function firewallRules(
  inputs: ConnectivityInputs,
  options: Pick<GenerateOptions, "ucconnect">,
): FirewallRule[] {
  const rules: FirewallRule[] = [];
  const httpsPort = port(inputs.internalHttpsPort ?? UCSERVER_HTTPS_PORT, "internalHttpsPort");
  const ucserver = inputs.internalAddress ? `UCServer (${internal(inputs)})` : "UCServer";
  const method = inputs.scenario === "own-turn" ? inputs.publish : inputs.scenario;

  if (inputs.scenario === "lan") {
    const httpPort = port(inputs.internalHttpPort ?? UCSERVER_HTTP_PORT, "internalHttpPort");
    rules.push(
      rule("inbound", "LAN / WLAN clients", ucserver, `${httpPort}, ${httpsPort}`, "TCP", "lan-clients"),
    );
  }
  if (method === "forwarding") {
    const publicPort = port(inputs.publicPort, "publicPort");
    const ports = publicPort === httpsPort ? `${publicPort}` : `${publicPort}->${httpsPort}`;
    rules.push(rule("inbound", INTERNET, ucserver, ports, "TCP", "port-forwarding"));
  }
  if (method === "proxy" || method === "dmz") {
    const proxy = method === "dmz" ? "Reverse proxy (DMZ)" : "Reverse proxy";
    const publicPort = port(inputs.publicPort, "publicPort");
    rules.push(rule("inbound", INTERNET, proxy, `${publicPort}`, "TCP", "proxy-https"));
    rules.push(rule("inbound", INTERNET, proxy, "80", "TCP", "proxy-http-redirect"));
    const purpose = method === "dmz" ? "dmz-to-lan" : "proxy-to-ucserver";
    rules.push(rule("inbound", proxy, ucserver, `${httpsPort}`, "TCP", purpose));
  }
  if (inputs.scenario === "own-turn") {
    const turnServer = `TURN server (${host(inputs, "turnHost")})`;
    const turnPort = port(inputs.turnPort, "turnPort");
    rules.push(rule("inbound", INTERNET, turnServer, `${turnPort}`, "TCP/UDP", "turn-listen"));
    rules.push(rule("inbound", INTERNET, turnServer, RELAY_PORTS, "UDP", "turn-relay"));
    rules.push(rule("outbound", ucserver, turnServer, `${turnPort}`, "TCP/UDP", "ucserver-to-turn"));
  }
  if (inputs.scenario === "ucconnect") {
    const { turnHost, turnPort } = options.ucconnect;
    const target = `UCConnect TURN (${serviceHost(turnHost, "ucconnect.turnHost")})`;
    rules.push(
      rule(
        "outbound",
        ucserver,
        target,
        `${port(turnPort, "ucconnect.turnPort")}`,
        "TCP/UDP",
        "ucconnect-turn",
      ),
    );
  }
  // Every scenario: the UCServer hands push notifications (and, with UCConnect, its connection) to the portal.
  const portal = `UCConnect portal (${serviceHost(options.ucconnect.portalHost, "ucconnect.portalHost")})`;
  rules.push(rule("outbound", ucserver, portal, "443", "TCP", "push"));
  return rules;
}

function rule(
  direction: FirewallRule["direction"],
  source: string,
  destination: string,
  portText: string,
  protocol: FirewallRule["protocol"],
  purpose: string,
): FirewallRule {
  return { direction, source, destination, port: portText, protocol, purpose };
}

const COLUMNS = ["direction", "source", "destination", "port", "protocol", "purpose"] as const;

/**
 * The rules as CSV (RFC 4180: CRLF, quoted where needed) for a spreadsheet or a firewall import.
 * `purposeText` turns a purpose key into a sentence; without it the key itself is written.
 */
export function firewallCsv(
  rules: FirewallRule[],
  purposeText: (purpose: string) => string = (p) => p,
): string {
  const rows = rules.map((r) => COLUMNS.map((c) => (c === "purpose" ? purposeText(r.purpose) : r[c])));
  return `${[[...COLUMNS], ...rows].map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

function csvField(value: string): string {
  // A leading = + - @ makes spreadsheets evaluate a formula; no generated value starts so, but a
  // translated purpose might one day.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
