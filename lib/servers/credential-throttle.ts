import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { ProblemError } from "@/lib/http/problem";
import { hitRateLimit, resetRateLimit, retryAfterSeconds } from "@/lib/rate-limit/hit-rate-limit";

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

/**
 * Counts an attempt before the password is checked, so that a burst of parallel guesses cannot all
 * slip under the limit; refuses (429) once the ID or the address is past it, right password or not.
 * A successful attempt is taken back by `settleCredentialAttempt`, so only failures remain counted.
 */
export async function reserveCredentialAttempt(db: DbOrTx, key: string, ip: string | null): Promise<void> {
  const byId = await hitRateLimit(db, idKey(key), CREDENTIAL_WINDOW_SECONDS);
  const byIp = ip ? await hitRateLimit(db, ipKey(ip), CREDENTIAL_WINDOW_SECONDS) : null;
  if (byId.count > SERVER_ID_FAILURE_LIMIT) {
    throw new ProblemError("rate-limited", "rate-limited", "Too many failed attempts for this server ID", {
      retryAfterSeconds: retryAfterSeconds(byId),
    });
  }
  if (byIp && byIp.count > IP_FAILURE_LIMIT) {
    throw new ProblemError("rate-limited", "rate-limited", "Too many failed attempts from this address", {
      retryAfterSeconds: retryAfterSeconds(byIp),
    });
  }
}

/**
 * After the right password: the ID's failures are forgiven (as after a successful sign-in), and
 * the address gets this attempt back, but only this one, so that a guesser cannot clear its
 * address's count by also connecting a server it owns.
 */
export async function settleCredentialAttempt(db: DbOrTx, key: string, ip: string | null): Promise<void> {
  await resetRateLimit(db, idKey(key));
  if (!ip) return;
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(eq(rateLimits.key, ipKey(ip)));
}
