import { and, asc, desc, eq, gte, lt, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type ServerStatus, serverHeartbeats, serverStatusEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import { findOrgServer } from "@/lib/servers/find-org-server";

export type ServerHistory = {
  events: { from: ServerStatus; to: ServerStatus; at: Date; reason: string }[];
  /** Share of the window the server was online or late (connected), null if it never was before `to`. */
  uptime: number | null;
  heartbeats: {
    receivedAt: Date;
    usersTotal: number;
    usersMobile: number;
    usersAudioVideo: number;
    pushDevices: number | null;
  }[];
};

const MAX_POINTS = 5000;

/**
 * A server's status history, uptime and reported figures over a window (default: the last 7 days),
 * for the server page's charts. Members of the owning organisation only.
 */
export async function getServerHistory(
  db: Db,
  actor: Actor,
  input: { server: string; from?: Date; to?: Date },
): Promise<ServerHistory> {
  const org = requirePermission(actor, "servers.view");
  const to = input.to ?? new Date();
  const from = input.from ?? new Date(to.getTime() - 7 * 86_400_000);
  const server = await findOrgServer(db, org.id, input.server, { lock: false });
  const [before] = await db
    .select({ to: serverStatusEvents.toStatus })
    .from(serverStatusEvents)
    .where(and(eq(serverStatusEvents.serverId, server.id), lt(serverStatusEvents.at, from)))
    .orderBy(desc(serverStatusEvents.at), desc(serverStatusEvents.id))
    .limit(1);
  const events = await db
    .select()
    .from(serverStatusEvents)
    .where(
      and(
        eq(serverStatusEvents.serverId, server.id),
        gte(serverStatusEvents.at, from),
        lte(serverStatusEvents.at, to),
      ),
    )
    .orderBy(asc(serverStatusEvents.at), asc(serverStatusEvents.id));
  const heartbeats = await db
    .select({
      receivedAt: serverHeartbeats.receivedAt,
      usersTotal: serverHeartbeats.usersTotal,
      usersMobile: serverHeartbeats.usersMobile,
      usersAudioVideo: serverHeartbeats.usersAudioVideo,
      pushDevices: serverHeartbeats.pushDevices,
    })
    .from(serverHeartbeats)
    .where(
      and(
        eq(serverHeartbeats.serverId, server.id),
        gte(serverHeartbeats.receivedAt, from),
        lte(serverHeartbeats.receivedAt, to),
      ),
    )
    .orderBy(asc(serverHeartbeats.receivedAt))
    .limit(MAX_POINTS);

  // Walk the window from the status in force at its start, adding up the connected stretches.
  let status: ServerStatus = before?.to ?? "never-connected";
  let since = from.getTime();
  let up = 0;
  let everConnected = status !== "never-connected";
  const connected = (s: ServerStatus) => s === "online" || s === "late";
  for (const e of events) {
    if (connected(status)) up += e.at.getTime() - since;
    status = e.toStatus;
    since = e.at.getTime();
    everConnected ||= e.toStatus !== "never-connected";
  }
  if (connected(status)) up += to.getTime() - since;
  const span = to.getTime() - from.getTime();
  return {
    events: events.map((e) => ({ from: e.fromStatus, to: e.toStatus, at: e.at, reason: e.reason })),
    uptime: everConnected && span > 0 ? up / span : null,
    heartbeats,
  };
}
