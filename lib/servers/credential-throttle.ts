import type { DbOrTx } from "@/db/client";
import { ProblemError } from "@/lib/http/problem";
import {
  hitRateLimit,
  peekRateLimit,
  resetRateLimit,
  retryAfterSeconds,
} from "@/lib/rate-limit/hit-rate-limit";

// Guessing a 144-bit password is hopeless anyway; the limits keep a guesser from burning CPU on
// Argon2 and from locking on to one server. Per ID: as the protocol says. Per IP: generous, for
// sites where many UCServers share one address.
export const CREDENTIAL_WINDOW_SECONDS = 15 * 60;
export const SERVER_ID_FAILURE_LIMIT = 10;
export const IP_FAILURE_LIMIT = 50;

const idKey = (key: string) => `ucserver:credentials:id:${key}`;
const ipKey = (ip: string) => `ucserver:credentials:ip:${ip}`;

/** The key an attempt counts against: the canonical ID, or the cleaned input when it is not one. */
export function throttleKeyOf(code: string | null, raw: string): string {
  // Only letters and digits of the raw input: the key is stored as text and must stay printable.
  return (
    code ??
    `raw:${raw
      .toUpperCase()
      .replace(/[^0-9A-Z]/g, "")
      .slice(0, 40)}`
  );
}

/** Refuses (429) while the ID or the address has too many recent failures, right password or not. */
export async function assertCredentialsAllowed(db: DbOrTx, key: string, ip: string | null): Promise<void> {
  const byId = await peekRateLimit(db, idKey(key), CREDENTIAL_WINDOW_SECONDS);
  if (byId.count >= SERVER_ID_FAILURE_LIMIT) {
    throw new ProblemError("rate-limited", "rate-limited", "Too many failed attempts for this server ID", {
      retryAfterSeconds: retryAfterSeconds(byId),
    });
  }
  if (!ip) return;
  const byIp = await peekRateLimit(db, ipKey(ip), CREDENTIAL_WINDOW_SECONDS);
  if (byIp.count >= IP_FAILURE_LIMIT) {
    throw new ProblemError("rate-limited", "rate-limited", "Too many failed attempts from this address", {
      retryAfterSeconds: retryAfterSeconds(byIp),
    });
  }
}

export async function recordCredentialFailure(db: DbOrTx, key: string, ip: string | null): Promise<void> {
  await hitRateLimit(db, idKey(key), CREDENTIAL_WINDOW_SECONDS);
  if (ip) await hitRateLimit(db, ipKey(ip), CREDENTIAL_WINDOW_SECONDS);
}

export async function clearCredentialFailures(db: DbOrTx, key: string): Promise<void> {
  await resetRateLimit(db, idKey(key));
}
