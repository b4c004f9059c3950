import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { newPassword, parseInput, type RawInput } from "@/lib/validation";
import { consumeAuthToken } from "./auth-tokens";
import { hashPassword } from "./password";
import { revokeAllUserSessions } from "./sessions";
import { clearSignInFailures } from "./sign-in-throttle";

export const resetPasswordSchema = z
  .object({ token: z.string().min(1).max(200), password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: "mismatch" });

/**
 * Sets a new password with a reset link's token. Every session of the account ends, and the
 * sign-in throttle for the account is cleared: the owner has just proved control of the mailbox.
 */
export async function resetPassword(
  db: Db,
  opts: { input: RawInput<typeof resetPasswordSchema>; ip: string | null },
): Promise<void> {
  const input = parseInput(resetPasswordSchema, opts.input);
  const hash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const userId = await consumeAuthToken(tx, input.token, "password-reset");
    if (!userId) throw new AppError("gone", "This link is invalid, expired or already used");
    const [user] = await tx
      .update(users)
      .set({ passwordHash: hash, passwordChangedAt: new Date(), emailVerifiedAt: new Date() })
      .where(eq(users.id, userId))
      .returning();
    if (!user) throw new AppError("gone", "This link is invalid, expired or already used");
    await revokeAllUserSessions(tx, userId);
    await clearSignInFailures(tx, user.email);
    await recordAudit(
      tx,
      { userId, label: user.email, ip: opts.ip },
      { organisationId: null, action: "auth.password-reset", targetType: "user", targetId: userId },
    );
  });
}
