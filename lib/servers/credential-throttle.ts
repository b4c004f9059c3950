import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";
import { AppError } from "@/lib/errors";
import { type LockoutPolicy, reserveAttempt, settleAttempt } from "@/lib/rate-limit/lockout";

// Guessing a 144-bit password is hopeless anyway; the limits keep a guesser from burning CPU on
// Argon2 and from locking on to one server, without letting anybody who knows a Server-ID lock
// its server out (protocol 1.1, "Changed in 1.1"). Per address and IP: generous, for sites where
// many UCServers share one address.
export const CREDENTIALS: LockoutPolicy = {
  name: "ucserver:credentials",
  windowSeconds: 15 * 60,
  perAddress: 10,
  ceiling: 100,
  perClient: 50,
};
/** Addresses a server opened a session from within this many days are spared by the ceiling. */
export const KNOWN_ADDRESS_DAYS = 30;

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
 * Counts an attempt before the password is checked and refuses it (429, right password or not)
 * while this address is past its limit for the ID, the address past its limit across IDs, or the ID
 * past its ceiling from everywhere and this is not an address the server connected from lately.
 */
export async function reserveCredentialAttempt(db: DbOrTx, key: string, ip: string | null): Promise<void> {
  const refusal = await reserveAttempt(db, CREDENTIALS, { subject: key, ip }, async () => {
    if (!ip || key.startsWith("raw:")) return false;
    const [row] = await sqlRows<{ known: boolean }>(
      db,
      sql`
      select exists (select 1 from server_sessions ss join servers s on s.id = ss.server_id
                      where s.code = ${key} and ss.ip = ${ip}
                        and ss.created_at > now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})) as known`,
    );
    return row?.known === true;
  });
  if (!refusal) return;
  const title =
    refusal.reason === "client"
      ? "Too many failed attempts from this address"
      : "Too many failed attempts for this server ID";
  throw new AppError("rate-limited", title, {
    retryAfterSeconds: refusal.retryAfterSeconds,
  });
}

/** After the right password: see settleAttempt. */
export async function settleCredentialAttempt(db: DbOrTx, key: string, ip: string | null): Promise<void> {
  await settleAttempt(db, CREDENTIALS, { subject: key, ip });
}
