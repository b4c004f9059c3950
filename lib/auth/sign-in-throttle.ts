import type { DbOrTx } from "@/db/client";
import { AppError } from "@/lib/errors";
import {
  hitRateLimit,
  peekRateLimit,
  resetRateLimit,
  retryAfterSeconds,
} from "@/lib/rate-limit/hit-rate-limit";

// Failures per account and per address within the window before attempts are refused until it ends.
// The window is short and sign-in by e-mail link is not affected, so the owner is never locked out for good.
export const SIGN_IN_WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_FAILURE_LIMIT = 5;
export const IP_FAILURE_LIMIT = 30;

const accountKey = (email: string) => `sign-in:account:${email}`;
const ipKey = (ip: string) => `sign-in:ip:${ip}`;

export async function assertSignInAllowed(db: DbOrTx, email: string, ip: string | null): Promise<void> {
  const account = await peekRateLimit(db, accountKey(email), SIGN_IN_WINDOW_SECONDS);
  if (account.count >= ACCOUNT_FAILURE_LIMIT) {
    throw new AppError("rate-limited", "Too many failed sign-ins", {
      retryAfterSeconds: retryAfterSeconds(account),
    });
  }
  if (ip) {
    const byIp = await peekRateLimit(db, ipKey(ip), SIGN_IN_WINDOW_SECONDS);
    if (byIp.count >= IP_FAILURE_LIMIT) {
      throw new AppError("rate-limited", "Too many failed sign-ins", {
        retryAfterSeconds: retryAfterSeconds(byIp),
      });
    }
  }
}

export async function recordSignInFailure(db: DbOrTx, email: string, ip: string | null): Promise<void> {
  await hitRateLimit(db, accountKey(email), SIGN_IN_WINDOW_SECONDS);
  if (ip) await hitRateLimit(db, ipKey(ip), SIGN_IN_WINDOW_SECONDS);
}

export async function clearSignInFailures(db: DbOrTx, email: string): Promise<void> {
  await resetRateLimit(db, accountKey(email));
}
