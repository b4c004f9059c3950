import { and, eq, gt, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Server, serverSessions, servers } from "@/db/schema";
import { sha256 } from "@/lib/crypto";
import { AppError } from "@/lib/errors";

// Our tokens are 43 base64url characters; anything far off is refused without a query.
const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;

export function unauthenticated(): AppError {
  return new AppError("unauthenticated", "Missing, malformed, expired or revoked token");
}

/** The bearer token of an Authorization header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer +(\S+)\s*$/i.exec(header ?? "");
  const token = m?.[1];
  return token && TOKEN.test(token) ? token : null;
}

export type AuthenticatedSession = { sessionId: string; server: Server };

/** The live session and its server for a bearer token; 401 when missing, unknown, expired or revoked. */
export async function authenticateSession(
  db: DbOrTx,
  header: string | undefined,
): Promise<AuthenticatedSession> {
  const token = bearerToken(header);
  if (!token) throw unauthenticated();
  const [row] = await db
    .select({ sessionId: serverSessions.id, server: servers })
    .from(serverSessions)
    .innerJoin(servers, eq(servers.id, serverSessions.serverId))
    .where(
      and(
        eq(serverSessions.tokenHash, sha256(token)),
        isNull(serverSessions.revokedAt),
        gt(serverSessions.expiresAt, new Date()),
        // Deleting ends the sessions too; this keeps a deleted server out even if one slipped by.
        isNull(servers.deletedAt),
      ),
    );
  if (!row) throw unauthenticated();
  return row;
}
