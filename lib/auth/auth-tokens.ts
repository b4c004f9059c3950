import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { authTokens } from "@/db/schema";
import { isTokenShaped, randomToken, sha256 } from "@/lib/crypto";

type Kind = (typeof authTokens.$inferInsert)["kind"];

/** Issues a single-use token for an e-mail link; only its hash is stored. */
export async function issueAuthToken(
  db: DbOrTx,
  userId: string,
  kind: Kind,
  ttlMinutes: number,
): Promise<string> {
  const token = randomToken();
  await db.insert(authTokens).values({
    userId,
    kind,
    tokenHash: sha256(token),
    expiresAt: new Date(Date.now() + ttlMinutes * 60_000),
  });
  return token;
}

/**
 * Marks a token used and returns its user, or null if it is unknown, expired, of another kind or
 * already used. The update is the check, so two clicks at once cannot both succeed.
 */
export async function consumeAuthToken(db: DbOrTx, token: string, kind: Kind): Promise<string | null> {
  if (!isTokenShaped(token)) return null;
  const [row] = await db
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(authTokens.tokenHash, sha256(token)),
        eq(authTokens.kind, kind),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, new Date()),
      ),
    )
    .returning({ userId: authTokens.userId });
  return row?.userId ?? null;
}

/** Whether a token would still be accepted, without using it (for the confirm page). */
export async function peekAuthToken(db: DbOrTx, token: string, kind: Kind): Promise<boolean> {
  if (!isTokenShaped(token)) return false;
  const [row] = await db
    .select({ id: authTokens.id })
    .from(authTokens)
    .where(
      and(
        eq(authTokens.tokenHash, sha256(token)),
        eq(authTokens.kind, kind),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, new Date()),
      ),
    );
  return !!row;
}
