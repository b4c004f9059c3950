import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type ServerStatus, servers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import { formatServerCode } from "./server-id";
import { clockSkewSuspect, type ReportedUsers, reportedUsers } from "./server-live-fields";

export type ServerListItem = {
  id: string;
  serverId: string;
  name: string;
  origin: "portal" | "ucserver-trial" | "sales-trial";
  status: ServerStatus;
  statusChangedAt: Date;
  lastSeenAt: Date | null;
  disabled: boolean;
  termsAccepted: boolean;
  ucserverVersion: string | null;
  users: ReportedUsers;
  pushDevices: number | null;
  /** The server's clock differs from ours by more than five minutes: worth telling its owner. */
  clockSkewSuspect: boolean;
};

/** The servers of the caller's organisation with their live connection status. Any member may look. */
export async function listServers(db: Db, actor: Actor): Promise<ServerListItem[]> {
  const org = requirePermission(actor, "servers.view");
  const rows = await db
    .select()
    .from(servers)
    .where(and(eq(servers.organisationId, org.id), isNull(servers.deletedAt)))
    .orderBy(asc(servers.name));
  return rows.map((s) => ({
    id: s.id,
    serverId: formatServerCode(s.code),
    name: s.name,
    origin: s.origin,
    status: s.status,
    statusChangedAt: s.statusChangedAt,
    lastSeenAt: s.lastSeenAt,
    disabled: !!s.disabledAt,
    termsAccepted: s.termsAccepted,
    ucserverVersion: s.ucserverVersion,
    users: reportedUsers(s),
    pushDevices: s.pushDevices,
    clockSkewSuspect: clockSkewSuspect(s),
  }));
}
