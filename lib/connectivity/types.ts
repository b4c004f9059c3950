/**
 * The connectivity assistant's shared shapes: what a customer chose (the guide's scenario and its
 * inputs), what the assistant writes out for it (files), and what a live check saw (results).
 * Generators live in files/, the checker in checks/, storage, jobs and alerts beside this file.
 */

/**
 * The leaves of the setup guide's decision tree.
 * - `lan`: apps only inside the LAN; push only (outbound 443).
 * - `forwarding`: from outside without audio/video, the router forwards a public port to 7225.
 * - `proxy`: from outside without audio/video, a reverse proxy in the LAN (no DMZ).
 * - `dmz`: from outside without audio/video, a reverse proxy in a DMZ.
 * - `ucconnect`: from outside with audio/video through UCConnect; no port opened inwards.
 * - `own-turn`: from outside with audio/video through the customer's own STUN/TURN server; the web
 *   services are published as in `publish` (forwarding, proxy or dmz).
 */
export const SCENARIOS = ["lan", "forwarding", "proxy", "dmz", "ucconnect", "own-turn"] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const PUBLISH_METHODS = ["forwarding", "proxy", "dmz"] as const;
export type PublishMethod = (typeof PUBLISH_METHODS)[number];

export const PROXY_KINDS = ["nginx", "iis"] as const;
export type ProxyKind = (typeof PROXY_KINDS)[number];

/** The UCServer web services' ports, as the guide names them. */
export const UCSERVER_HTTP_PORT = 7224;
export const UCSERVER_HTTPS_PORT = 7225;
export const STUN_TURN_PORT = 3478;
export const WEBSOCKET_PATH = "/ws/client/websocket";

/**
 * What the customer entered, after validation (lib/connectivity/inputs.ts holds the zod schema).
 * Fields a scenario does not use are absent.
 */
export type ConnectivityInputs = {
  scenario: Scenario;
  /** For `own-turn`: how the web services are published. Equal to `scenario` for the three others. */
  publish?: PublishMethod;
  /** For `proxy` / `dmz` (or own-turn published that way). */
  proxyKind?: ProxyKind;
  /** The public DNS name the apps use, e.g. `ucserver.example.com` (lower case, no trailing dot). */
  publicHost?: string;
  /** The domain the SRV record `_ctiwebserver._tcp.<srvDomain>` lives in, e.g. `example.com`. */
  srvDomain?: string;
  /** The public address the A (or AAAA) record should resolve to, when the customer knows it. */
  publicAddress?: string;
  /** The public HTTPS port the apps connect to (443 behind a proxy, 7225 by default with forwarding). */
  publicPort?: number;
  /** The UCServer's address in the LAN (IP or host name) and its web-services ports. */
  internalAddress?: string;
  internalHttpPort?: number;
  internalHttpsPort?: number;
  /** For `own-turn`: the STUN/TURN server's public name, port, external address and realm. */
  turnHost?: string;
  turnPort?: number;
  turnExternalIp?: string;
  turnRealm?: string;
};

/** One file the assistant writes out: shown, copyable and downloadable. */
export type GeneratedFile = {
  /** Stable id, e.g. `dns`, `firewall`, `nginx`, `iis`, `coturn`. */
  id: "dns" | "firewall" | "nginx" | "iis" | "coturn";
  /** Download name, e.g. `ucserver.conf`, `web.config`, `turnserver.conf`, `zone.txt`, `firewall.csv`. */
  filename: string;
  /** Content-Type for the download. */
  contentType: string;
  content: string;
};

/** One firewall rule of the guide's port table (also rendered as a table in the UI). */
export type FirewallRule = {
  direction: "inbound" | "outbound";
  source: string;
  destination: string;
  port: string;
  protocol: "TCP" | "UDP" | "TCP/UDP";
  /** Message key under `connectivityFiles.rule.*` explaining the rule. */
  purpose: string;
};

export const CHECK_IDS = ["dns-a", "dns-srv", "tls", "websocket", "stun", "turn", "push"] as const;
export type CheckId = (typeof CHECK_IDS)[number];

/** green: fine. amber: works but needs attention (certificate expires within 14 days…). red: broken. */
export type CheckState = "green" | "amber" | "red" | "skipped";

/**
 * What one check saw. `reason` is a stable code (`ok`, `srv-missing`, `cert-expired`, `name-mismatch`,
 * `no-upgrade`, `turn-unauthorized`, `blocked-address`, `timeout`, …) with a translated explanation
 * and fix under `connectivityChecks.reason.<code>` / `connectivityChecks.fix.<code>`. `seen` holds
 * plain values (addresses, ports, dates, protocol names, status codes) that the UI shows as text,
 * never as HTML.
 */
export type CheckResult = {
  check: CheckId;
  state: CheckState;
  reason: string;
  seen: Record<string, string | number | boolean | null>;
  durationMs: number;
};
