import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { servers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import { type ServerView, serverViewColumns, toServerView } from "./server-view";

export type ServerListItem = ServerView;

/** The servers of the caller's organisation with their live connection status. Any member may look. */
export async function listServers(db: Db, actor: Actor): Promise<ServerListItem[]> {
  const org = requirePermission(actor, "servers.view");
  const rows = await db
    .select(serverViewColumns)
    .from(servers)
    .where(and(eq(servers.organisationId, org.id), isNull(servers.deletedAt)))
    .orderBy(asc(servers.name));
  return rows.map(toServerView);
}
