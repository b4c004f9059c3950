import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";
import { AppError } from "@/lib/errors";
import { forgiveSubject, type LockoutPolicy, reserveAttempt, settleAttempt } from "@/lib/rate-limit/lockout";

// Failures per account and address, per account from everywhere (addresses the account signed in
// from lately are spared), and per address across accounts, before attempts are refused until the
// window ends. A stranger elsewhere can thus never keep the owner's password sign-in locked, and
// sign-in by e-mail link is not affected at all.
export const SIGN_IN: LockoutPolicy = {
  name: "sign-in",
  windowSeconds: 15 * 60,
  perAddress: 5,
  ceiling: 50,
  perClient: 30,
};
export const ACCOUNT_FAILURE_LIMIT = SIGN_IN.perAddress;
/** Addresses the account signed in from within this many days are spared by the ceiling. */
export const KNOWN_ADDRESS_DAYS = 30;

/** Counts a sign-in attempt before the password is checked; refuses it past a limit (see lockout.ts). */
export async function reserveSignInAttempt(db: DbOrTx, email: string, ip: string | null): Promise<void> {
  const refusal = await reserveAttempt(db, SIGN_IN, { subject: email, ip }, async () => {
    if (!ip) return false;
    const [row] = await sqlRows<{ known: boolean }>(
      db,
      sql`select exists (select 1 from user_sessions us join users u on u.id = us.user_id
                          where u.email = ${email} and us.ip = ${ip}
                            and us.created_at > now() - make_interval(days => ${KNOWN_ADDRESS_DAYS})) as known`,
    );
    return row?.known === true;
  });
  if (refusal) {
    throw new AppError("rate-limited", "Too many failed sign-ins", {
      retryAfterSeconds: refusal.retryAfterSeconds,
    });
  }
}

/** The right password: this address's failures for the account are forgiven. */
export async function settleSignInAttempt(db: DbOrTx, email: string, ip: string | null): Promise<void> {
  await settleAttempt(db, SIGN_IN, { subject: email, ip });
}

/** The owner reset the password by mail: every failure counted against the account is forgotten. */
export async function clearSignInFailures(db: DbOrTx, email: string): Promise<void> {
  await forgiveSubject(db, SIGN_IN, email);
}
