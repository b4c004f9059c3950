import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { authTokens } from "@/db/schema";
import { newLinkToken, openedByLink } from "./link-tokens";

type Kind = (typeof authTokens.$inferInsert)["kind"];

const columns = {
  tokenHash: authTokens.tokenHash,
  expiresAt: authTokens.expiresAt,
  spent: [authTokens.usedAt],
};

/** Issues a single-use token for an e-mail link; only its hash is stored. */
export async function issueAuthToken(
  db: DbOrTx,
  userId: string,
  kind: Kind,
  ttlMinutes: number,
): Promise<string> {
  const { token, ...stored } = newLinkToken(ttlMinutes * 60_000);
  await db.insert(authTokens).values({ userId, kind, ...stored });
  return token;
}

/**
 * Marks a token used and returns its user, or null if it is unknown, expired, of another kind or
 * already used. The update is the check, so two clicks at once cannot both succeed.
 */
export async function consumeAuthToken(db: DbOrTx, token: string, kind: Kind): Promise<string | null> {
  const opened = openedByLink(columns, token);
  if (!opened) return null;
  const [row] = await db
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(and(opened, eq(authTokens.kind, kind)))
    .returning({ userId: authTokens.userId });
  return row?.userId ?? null;
}

/** Whether a token would still be accepted, without using it (for the confirm page). */
export async function peekAuthToken(db: DbOrTx, token: string, kind: Kind): Promise<boolean> {
  const opened = openedByLink(columns, token);
  if (!opened) return false;
  const [row] = await db
    .select({ id: authTokens.id })
    .from(authTokens)
    .where(and(opened, eq(authTokens.kind, kind)));
  return !!row;
}

/** Uses up every unused token of a kind a user still has (the others of a batch, once one worked). */
export async function spendAuthTokens(db: DbOrTx, userId: string, kind: Kind): Promise<void> {
  await db
    .update(authTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(authTokens.userId, userId), eq(authTokens.kind, kind), isNull(authTokens.usedAt)));
}
