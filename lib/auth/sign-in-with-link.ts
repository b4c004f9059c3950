import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { consumeAuthToken } from "./auth-tokens";
import { createUserSession } from "./sessions";

/** Uses a sign-in link's token (once) and opens a session; it also proves the e-mail address. */
export async function signInWithLink(
  db: Db,
  opts: { token: unknown; ip: string | null; userAgent: string | null },
): Promise<{ userId: string; sessionToken: string }> {
  const token = typeof opts.token === "string" ? opts.token : "";
  return db.transaction(async (tx) => {
    const userId = await consumeAuthToken(tx, token, "sign-in-link");
    if (!userId) throw new AppError("unauthenticated", "This link is invalid, expired or already used");
    const [user] = await tx
      .update(users)
      .set({ emailVerifiedAt: new Date() })
      .where(eq(users.id, userId))
      .returning();
    if (!user || user.disabledAt) throw new AppError("unauthenticated", "This account is disabled");
    const session = await createUserSession(tx, { userId, ip: opts.ip, userAgent: opts.userAgent });
    await recordAudit(
      tx,
      { userId, label: user.email, ip: opts.ip },
      {
        organisationId: null,
        action: "auth.signed-in",
        targetType: "user",
        targetId: userId,
        details: { method: "email-link" },
      },
    );
    return { userId, sessionToken: session.token };
  });
}
