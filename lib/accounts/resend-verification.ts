import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { hitRateLimit, retryAfterSeconds } from "@/lib/rate-limit/hit-rate-limit";
import { email, parseInput, type RawInput } from "@/lib/validation";
import { sendVerificationLink } from "./verification-link";

export const resendVerificationSchema = z.object({ email });

/** Links one address may ask for per hour, and one client address for any addresses. */
export const RESEND_LIMITS = { perEmail: 3, perIp: 10, windowSeconds: 60 * 60 } as const;

/**
 * Mails a fresh verification link to an account that has not confirmed its address yet. The
 * answer is the same whether such an account exists or not (verified, unknown and disabled
 * addresses get nothing), so the form tells nobody who has an account.
 */
export async function resendVerification(
  db: Db,
  opts: { input: RawInput<typeof resendVerificationSchema>; ip: string | null },
): Promise<void> {
  const { email: address } = parseInput(resendVerificationSchema, opts.input);
  const { perEmail, perIp, windowSeconds } = RESEND_LIMITS;
  const byIp = opts.ip ? await hitRateLimit(db, `verify-email-ip:${opts.ip}`, windowSeconds) : null;
  const byEmail = await hitRateLimit(db, `verify-email:${address}`, windowSeconds);
  const over = byIp && byIp.count > perIp ? byIp : byEmail.count > perEmail ? byEmail : null;
  if (over) {
    throw new AppError("rate-limited", "Too many links requested", {
      retryAfterSeconds: retryAfterSeconds(over),
    });
  }
  const [user] = await db.select().from(users).where(eq(users.email, address));
  if (!user || user.emailVerifiedAt || user.disabledAt) return;
  await db.transaction((tx) => sendVerificationLink(tx, user));
}
