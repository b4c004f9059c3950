import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { email, password } from "@/lib/validation";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { createUserSession } from "./sessions";
import { reserveSignInAttempt, settleSignInAttempt } from "./sign-in-throttle";

export const signInSchema = z.object({ email, password });

export type SignInWithPasswordOptions = {
  email: unknown;
  password: unknown;
  ip: string | null;
  userAgent: string | null;
};

/**
 * Checks e-mail and password and opens a session. Unknown e-mail and wrong password fail alike and
 * take the same time; repeated failures are throttled (see sign-in-throttle.ts). An account whose
 * address is not confirmed yet (a sign-up) is refused with reason "unverified", after its password
 * was checked.
 */
export async function signInWithPassword(db: Db, opts: SignInWithPasswordOptions) {
  const input = signInSchema.safeParse({ email: opts.email, password: opts.password });
  if (!input.success) throw new AppError("validation", "Invalid sign-in form");
  const { email: address, password: plain } = input.data;

  await reserveSignInAttempt(db, address, opts.ip);
  const [user] = await db.select().from(users).where(eq(users.email, address));
  let ok = false;
  if (user?.passwordHash) ok = await verifyPassword(user.passwordHash, plain);
  else await verifyAgainstDummy(plain);
  if (!user || !ok || user.disabledAt) {
    await recordAudit(
      db,
      { userId: user?.id ?? null, label: address, ip: opts.ip },
      { organisationId: null, action: "auth.sign-in-failed", targetType: "user", targetId: user?.id ?? null },
    );
    throw new AppError("unauthenticated", "Wrong e-mail or password");
  }
  await settleSignInAttempt(db, address, opts.ip);
  if (!user.emailVerifiedAt) {
    // Only now, with the password checked: this tells nothing to someone who does not know it.
    await recordAudit(
      db,
      { userId: user.id, label: user.email, ip: opts.ip },
      {
        organisationId: null,
        action: "auth.sign-in-failed",
        targetType: "user",
        targetId: user.id,
        details: { reason: "unverified" },
      },
    );
    throw new AppError("forbidden", "The e-mail address is not confirmed yet", { reason: "unverified" });
  }
  const session = await createUserSession(db, { userId: user.id, ip: opts.ip, userAgent: opts.userAgent });
  await recordAudit(
    db,
    { userId: user.id, label: user.email, ip: opts.ip },
    {
      organisationId: null,
      action: "auth.signed-in",
      targetType: "user",
      targetId: user.id,
      details: { method: "password" },
    },
  );
  return { userId: user.id, sessionToken: session.token };
}
