import tls from "node:tls";
import { resolveTarget } from "./resolve";
import {
  amber,
  defineCheck,
  errorCode,
  green,
  type Outcome,
  reasonFor,
  red,
  type Seen,
  skipped,
} from "./result";
import { type Handshake, oldProtocolAccepted, openTls, type TlsTarget, trustStore } from "./tls-connect";

/** Certificates closer to their end than this turn the check amber (the alert mails then). */
export const EXPIRY_WARNING_DAYS = 14;
const DAY_MS = 86_400_000;
const OLD_PROTOCOLS = new Set(["TLSv1", "TLSv1.1", "SSLv3"]);

function commonName(part: unknown): string | null {
  const cn = (part as { CN?: string | string[] } | undefined)?.CN;
  return Array.isArray(cn) ? (cn[0] ?? null) : (cn ?? null);
}

/** The certificate as plain text values: names, issuer, dates (ISO), days left. */
function certificateSeen(cert: tls.PeerCertificate, now: number): Seen {
  const validTo = Date.parse(cert.valid_to);
  return {
    subject: commonName(cert.subject),
    issuer: commonName(cert.issuer),
    names: (cert.subjectaltname ?? "").replace(/DNS:/g, ""),
    validFrom: new Date(Date.parse(cert.valid_from)).toISOString(),
    validTo: new Date(validTo).toISOString(),
    daysLeft: Math.floor((validTo - now) / DAY_MS),
  };
}

function judge(handshake: Handshake, host: string, base: Seen, oldAccepted: string | null): Outcome {
  const { cert } = handshake;
  if (!cert?.valid_to) return red("no-certificate", base);
  const now = Date.now();
  const seen: Seen = { ...base, protocol: handshake.protocol, ...certificateSeen(cert, now) };
  if (now > Date.parse(cert.valid_to)) return red("cert-expired", seen);
  if (now < Date.parse(cert.valid_from)) return red("cert-not-yet-valid", seen);
  if (!handshake.authorized) {
    return red("untrusted-chain", { ...seen, verifyError: handshake.authorizationError ?? "unknown" });
  }
  // Checked here rather than by Node so that a wrong name is not reported as an untrusted chain.
  if (tls.checkServerIdentity(host, cert)) return red("name-mismatch", { ...seen, host });
  if (OLD_PROTOCOLS.has(String(seen.protocol))) return red("old-protocol", seen);
  if (Number(seen.daysLeft) < EXPIRY_WARNING_DAYS) return amber("cert-expiring", seen);
  if (oldAccepted) return amber("old-protocol-accepted", { ...seen, oldProtocolAccepted: true });
  return green(seen);
}

/**
 * TLS on the public host and port as the apps see it: chain trusted, name matching, dates, days to
 * expiry, the negotiated protocol, and whether TLS 1.0/1.1 is still accepted (amber).
 */
export const tlsCheck = defineCheck("tls", 3, async (inputs, { config }) => {
  const { publicHost: host, publicPort: port } = inputs;
  if (!host || !port) return skipped("missing-input", {});
  const resolved = await resolveTarget(host, config);
  if (!resolved.ok) return resolved.outcome;
  const target: TlsTarget = {
    address: resolved.address,
    port,
    servername: host,
    timeoutMs: config.timeoutMs,
  };
  const base: Seen = { host, address: resolved.address, port };
  const [main, oldAccepted] = await Promise.all([
    openTls(target, { ca: trustStore(config.ca) }).then(
      (handshake) => ({ handshake }),
      (err: unknown) => ({ err }),
    ),
    oldProtocolAccepted(target),
  ]);
  if ("err" in main) {
    // A server that speaks nothing newer than TLS 1.1 fails the default handshake (1.2 at least).
    if (oldAccepted) return red("old-protocol", { ...base, protocol: oldAccepted });
    return red(reasonFor(main.err), { ...base, code: errorCode(main.err) });
  }
  return judge(main.handshake, host, base, oldAccepted);
});
