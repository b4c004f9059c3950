import { and, eq, gt, isNull, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { serverHeartbeats, serverSessions } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { env } from "@/lib/env";
import { markServerOffline } from "@/lib/heartbeats/mark-server-offline";
import { formatServerCode } from "@/lib/servers/server-id";
import type { AuthenticatedSession } from "./authenticate-session";

/**
 * Ends the caller's session: its token is revoked at once. With no other live session the server
 * is offline from now on, since the session was ended rather than gone silent.
 */
export async function closeSession(db: Db, session: AuthenticatedSession, ip: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(serverSessions)
      .set({ revokedAt: new Date(), revokedReason: "closed" })
      .where(and(eq(serverSessions.id, session.sessionId), isNull(serverSessions.revokedAt)))
      .returning({ id: serverSessions.id });
    if (!revoked) return;
    // Another live session that is actually sending (a second box with the same ID, or a reconnect
    // that overlapped) keeps the server online; one merely not yet expired does not.
    const since = new Date(Date.now() - 3 * env().HEARTBEAT_INTERVAL_SECONDS * 1000);
    const [other] = await tx
      .select({ id: serverSessions.id })
      .from(serverSessions)
      .innerJoin(serverHeartbeats, eq(serverHeartbeats.sessionId, serverSessions.id))
      .where(
        and(
          eq(serverSessions.serverId, session.server.id),
          ne(serverSessions.id, session.sessionId),
          isNull(serverSessions.revokedAt),
          gt(serverSessions.expiresAt, new Date()),
          eq(serverHeartbeats.serverId, session.server.id),
          gt(serverHeartbeats.receivedAt, since),
        ),
      )
      .limit(1);
    if (!other) await markServerOffline(tx, session.server.id, "session-ended");
    await recordAudit(
      tx,
      { userId: null, label: `ucserver:${formatServerCode(session.server.code)}`, ip },
      {
        organisationId: session.server.organisationId,
        action: "ucserver.session-closed",
        targetType: "server",
        targetId: session.server.id,
        details: { sessionId: session.sessionId },
      },
    );
  });
}
