import { type Server, type ServerStatus, servers } from "@/db/schema";
import { formatServerCode } from "./server-id";
import { clockSkewSuspect, type ReportedUsers, reportedUsers } from "./server-live-fields";

/**
 * The columns every view of a server reads (the list, the searchable page, the server page), for
 * `db.select(serverViewColumns)`; shaped by `toServerView`. Any full `servers` row has them too.
 */
export const serverViewColumns = {
  id: servers.id,
  code: servers.code,
  name: servers.name,
  origin: servers.origin,
  status: servers.status,
  statusChangedAt: servers.statusChangedAt,
  lastSeenAt: servers.lastSeenAt,
  disabledAt: servers.disabledAt,
  termsAccepted: servers.termsAccepted,
  ucserverVersion: servers.ucserverVersion,
  usersTotal: servers.usersTotal,
  usersMobile: servers.usersMobile,
  usersAudioVideo: servers.usersAudioVideo,
  pushDevices: servers.pushDevices,
  clockSkewMs: servers.clockSkewMs,
  createdAt: servers.createdAt,
};

export type ServerViewRow = Pick<Server, keyof typeof serverViewColumns>;

/** A server as the portal shows it to its organisation. */
export type ServerView = {
  id: string;
  /** The Server-ID as people read and type it (XXXX-XXXX-XXXX). */
  serverId: string;
  name: string;
  origin: Server["origin"];
  status: ServerStatus;
  statusChangedAt: Date;
  lastSeenAt: Date | null;
  disabled: boolean;
  termsAccepted: boolean;
  ucserverVersion: string | null;
  users: ReportedUsers;
  pushDevices: number | null;
  clockSkewMs: number | null;
  /** The server's clock differs from ours by more than five minutes: worth telling its owner. */
  clockSkewSuspect: boolean;
  createdAt: Date;
};

export function toServerView(s: ServerViewRow): ServerView {
  return {
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
    clockSkewMs: s.clockSkewMs,
    clockSkewSuspect: clockSkewSuspect(s),
    createdAt: s.createdAt,
  };
}
