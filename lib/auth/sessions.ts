import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { userSessions } from "@/db/schema";
import { randomToken, sha256 } from "@/lib/crypto";
import { env } from "@/lib/env";

/** Opens a server-side session; the returned token goes into the signed session cookie. */
export async function createUserSession(
  db: DbOrTx,
  opts: { userId: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + env().SESSION_MAX_AGE_HOURS * 3600_000);
  await db.insert(userSessions).values({
    userId: opts.userId,
    tokenHash: sha256(token),
    ip: opts.ip,
    userAgent: opts.userAgent?.slice(0, 300) ?? null,
    expiresAt,
  });
  return { token, expiresAt };
}

export async function revokeUserSession(db: DbOrTx, token: string): Promise<void> {
  await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.tokenHash, sha256(token)), isNull(userSessions.revokedAt)));
}

/** Ends every session of a user (password reset, disabling), optionally keeping one. */
export async function revokeAllUserSessions(db: DbOrTx, userId: string): Promise<void> {
  await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)));
}

export async function findLiveSession(db: DbOrTx, token: string) {
  const [row] = await db
    .select({ id: userSessions.id, userId: userSessions.userId })
    .from(userSessions)
    .where(
      and(
        eq(userSessions.tokenHash, sha256(token)),
        isNull(userSessions.revokedAt),
        gt(userSessions.expiresAt, new Date()),
      ),
    );
  return row ?? null;
}
