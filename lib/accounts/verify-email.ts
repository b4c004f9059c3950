import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { consumeAuthToken, issueAuthToken, spendAuthTokens } from "@/lib/auth/auth-tokens";
import { AppError } from "@/lib/errors";

/** How long the browser that confirmed the address has to turn it into a session. */
const SIGN_IN_AFTER_VERIFY_MINUTES = 5;

/**
 * Uses an e-mail verification link (once): the account's address counts as proven, so it may sign
 * in from now on; other verification links of the account stop working. Returns a one-time sign-in
 * token with which the browser that clicked opens its session at once (the e-mail-link sign-in, as
 * after accepting an invitation). An unknown, expired or used link is `gone`.
 */
export async function verifyEmail(
  db: Db,
  opts: { token: unknown; ip: string | null },
): Promise<{ signInToken: string }> {
  const token = typeof opts.token === "string" ? opts.token : "";
  return db.transaction(async (tx) => {
    const userId = await consumeAuthToken(tx, token, "email-verification");
    if (!userId) throw new AppError("gone", "This link is invalid, expired or already used");
    const [user] = await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, userId))
      .returning();
    if (!user || user.disabledAt) throw new AppError("gone", "This link is invalid, expired or already used");
    await spendAuthTokens(tx, userId, "email-verification");
    const [membership] = await tx
      .select({ organisationId: memberships.organisationId })
      .from(memberships)
      .where(eq(memberships.userId, userId))
      .limit(1);
    await recordAudit(
      tx,
      { userId, label: user.email, ip: opts.ip },
      {
        organisationId: membership?.organisationId ?? null,
        action: "account.verified",
        targetType: "user",
        targetId: userId,
      },
    );
    return { signInToken: await issueAuthToken(tx, userId, "sign-in-link", SIGN_IN_AFTER_VERIFY_MINUTES) };
  });
}
