import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { serverSessions } from "@/db/schema";
import { markServerOffline } from "@/lib/heartbeats/mark-server-offline";

/**
 * Revokes every token of a server at once (password changed, server disabled); the next heartbeat
 * gets 401. The server is offline from now on: its session was ended.
 */
export async function endServerSessions(db: DbOrTx, serverId: string, reason: string): Promise<number> {
  const ended = await db
    .update(serverSessions)
    .set({ revokedAt: new Date(), revokedReason: reason })
    .where(and(eq(serverSessions.serverId, serverId), isNull(serverSessions.revokedAt)))
    .returning({ id: serverSessions.id });
  await markServerOffline(db, serverId, reason);
  return ended.length;
}
