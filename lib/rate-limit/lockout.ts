import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { resetRateLimit, retryAfterSeconds, type Window } from "./hit-rate-limit";

/**
 * Limits on guessing a secret that belongs to a subject (a Server-ID's password, an account's
 * password). The subject is public knowledge (a Server-ID is printed in every app invitation, an
 * e-mail address is no secret either), so a limit per subject alone would let anybody lock its
 * owner out. Instead failures count:
 * - per subject and client address: that address is refused for that subject past `perAddress`;
 * - per subject from all addresses: past `ceiling` every address is refused except those the
 *   subject used successfully lately (`isKnownAddress`), so a distributed guesser is stopped
 *   without shutting the owner out;
 * - per client address across subjects: one address trying many subjects.
 */
export type LockoutPolicy = {
  /** Key prefix in rate_limits. */
  name: string;
  windowSeconds: number;
  perAddress: number;
  ceiling: number;
  perClient: number;
};

export type Attempt = { subject: string; ip: string | null };

/** Why an attempt was refused, and for how long. */
export type Refusal = { reason: "address" | "ceiling" | "client"; retryAfterSeconds: number };

function keys(policy: LockoutPolicy, a: Attempt) {
  const ip = a.ip ?? "unknown";
  return {
    address: `${policy.name}:subject-ip:${a.subject}:${ip}`,
    ceiling: `${policy.name}:subject:${a.subject}`,
    client: `${policy.name}:ip:${ip}`,
  };
}

/**
 * Counts this attempt before the secret is checked, so a burst of parallel guesses cannot all slip
 * under a limit. Past a limit the attempt is taken back (no secret is checked for it, so it is no
 * failure) and refused. Returns null when the attempt may go ahead.
 */
export async function reserveAttempt(
  db: DbOrTx,
  policy: LockoutPolicy,
  attempt: Attempt,
  isKnownAddress: () => Promise<boolean>,
): Promise<Refusal | null> {
  const k = keys(policy, attempt);
  const expired = sql`${rateLimits.windowStart} <= now() - make_interval(secs => ${policy.windowSeconds})`;
  const rows = await db
    .insert(rateLimits)
    .values(
      lockOrder([k.address, k.ceiling, k.client]).map((key) => ({ key, windowStart: sql`now()`, count: 1 })),
    )
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ key: rateLimits.key, count: rateLimits.count, windowStart: rateLimits.windowStart });
  const window = (key: string): Window => {
    const row = rows.find((r) => r.key === key)!;
    return {
      count: row.count,
      resetAt: new Date(row.windowStart.getTime() + policy.windowSeconds * 1000),
    };
  };
  let refusal: Refusal | null = null;
  const address = window(k.address);
  const client = window(k.client);
  const ceiling = window(k.ceiling);
  if (address.count > policy.perAddress) {
    refusal = { reason: "address", retryAfterSeconds: retryAfterSeconds(address) };
  } else if (client.count > policy.perClient) {
    refusal = { reason: "client", retryAfterSeconds: retryAfterSeconds(client) };
  } else if (ceiling.count > policy.ceiling && !(await isKnownAddress())) {
    refusal = { reason: "ceiling", retryAfterSeconds: retryAfterSeconds(ceiling) };
  }
  if (refusal) await takeBack(db, [k.address, k.ceiling, k.client]);
  return refusal;
}

/**
 * The secret was right: this address's failures for the subject are forgiven, and the other two
 * counts get this attempt back, only this one, so a guesser cannot clear them by also using a
 * subject it owns.
 */
export async function settleAttempt(db: DbOrTx, policy: LockoutPolicy, attempt: Attempt): Promise<void> {
  const k = keys(policy, attempt);
  await resetRateLimit(db, k.address);
  await takeBack(db, [k.ceiling, k.client]);
}

/**
 * Concurrent attempts share rows (the subject's, the address's), and each statement locks several:
 * all of them take their rows in one order (byte order, as collate "C" sorts), so none can wait for
 * another in a circle.
 */
function lockOrder(keyList: string[]): string[] {
  return [...keyList].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

async function takeBack(db: DbOrTx, keyList: string[]): Promise<void> {
  const locked = sql`(select key from ${rateLimits} where ${inArray(rateLimits.key, keyList)}
                       order by key collate "C" for update)`;
  await db.execute(sql`update ${rateLimits} r set count = greatest(r.count - 1, 0)
                        from ${locked} l where r.key = l.key`);
}

/** The subject's owner proved themselves another way (a password reset by mail): forget all its failures. */
export async function forgiveSubject(db: DbOrTx, policy: LockoutPolicy, subject: string): Promise<void> {
  const k = keys(policy, { subject, ip: null });
  await db
    .delete(rateLimits)
    .where(
      sql`${rateLimits.key} = ${k.ceiling} or starts_with(${rateLimits.key}, ${`${policy.name}:subject-ip:${subject}:`})`,
    );
}
