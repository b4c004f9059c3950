/** UCServers, their protocol sessions, heartbeats and connection status. */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations } from "./accounts";
import { createdAt, ts } from "./columns";

export const serverStatusEnum = pgEnum("server_status", ["never-connected", "online", "late", "offline"]);

export const serverOriginEnum = pgEnum("server_origin", ["portal", "ucserver-trial", "sales-trial"]);

/**
 * One UCServer. `code` is the Server-ID in its compact canonical form (12 Crockford base32
 * characters, shown as XXXX-XXXX-XXXX). The live fields (last seen, status, counts) are written
 * by every heartbeat; history lives in server_heartbeats and server_status_events.
 */
export const servers = pgTable(
  "servers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    // Null while a self-started trial has not been claimed into an account.
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    origin: serverOriginEnum("origin").notNull(),
    passwordHash: text("password_hash").notNull(),
    passwordChangedAt: ts("password_changed_at").notNull().defaultNow(),
    contactEmail: text("contact_email"),
    locale: text("locale", { enum: ["de", "en"] })
      .notNull()
      .default("de"),
    disabledAt: ts("disabled_at"),
    claimedAt: ts("claimed_at"),
    // Deleted servers keep their row: consents are kept for good and a Server-ID is never reused.
    deletedAt: ts("deleted_at"),
    status: serverStatusEnum("status").notNull().default("never-connected"),
    statusChangedAt: ts("status_changed_at").notNull().defaultNow(),
    lastSeenAt: ts("last_seen_at"),
    // Order key of the newest heartbeat applied to the fields below: (session start, sequence).
    lastSessionStartedAt: ts("last_session_started_at"),
    lastSequence: bigint("last_sequence", { mode: "number" }),
    lastSentAt: ts("last_sent_at"),
    clockSkewMs: integer("clock_skew_ms"),
    ucserverVersion: text("ucserver_version"),
    usersTotal: integer("users_total"),
    usersMobile: integer("users_mobile"),
    usersAudioVideo: integer("users_audio_video"),
    pushDevices: integer("push_devices"),
    // Bumped by every change of licenses, consent or terms; with the number of license boundaries
    // passed it forms the licensesVersion the UCServer polls (see lib/licenses/licenses-version.ts).
    licensesRevision: integer("licenses_revision").notNull().default(1),
    // Every validity start and end of the server's unrevoked licenses, sorted. Kept by
    // lib/licenses/refresh-license-state.ts so a heartbeat can tell which have passed without
    // reading the licenses table.
    licenseBoundaries: ts("license_boundaries").array().notNull().default(sql`'{}'`),
    // Cache of "every current terms document accepted", kept by lib/terms/refresh-terms-state.ts so
    // that a heartbeat need not join the consent tables.
    termsAccepted: boolean("terms_accepted").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("servers_code_key").on(t.code),
    index("servers_org_name_idx").on(t.organisationId, t.name),
    index("servers_org_status_idx").on(t.organisationId, t.status),
    // Deliberately no index on last_seen_at: every heartbeat moves it, and an index on it would turn
    // each heartbeat's update into a non-HOT one that touches every index of this table. The
    // sweeper's sequential scan once a second is the cheaper side of that trade (see sweep-statuses.ts).
  ],
);

/** A protocol session ("Verbinden"): the bearer token is stored only as its SHA-256. */
export const serverSessions = pgTable(
  "server_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    serverId: uuid("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    ip: text("ip"),
    ucserverVersion: text("ucserver_version"),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
    revokedReason: text("revoked_reason"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("server_sessions_token_key").on(t.tokenHash),
    index("server_sessions_server_idx").on(t.serverId, t.createdAt),
  ],
);

/** One row per accepted heartbeat; (session, sequence) makes a replay a no-op. */
export const serverHeartbeats = pgTable(
  "server_heartbeats",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    serverId: uuid("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => serverSessions.id, { onDelete: "cascade" }),
    sequence: bigint("sequence", { mode: "number" }).notNull(),
    sentAt: ts("sent_at").notNull(),
    receivedAt: ts("received_at").notNull(),
    clockSkewMs: integer("clock_skew_ms").notNull(),
    ucserverVersion: text("ucserver_version").notNull(),
    usersTotal: integer("users_total").notNull(),
    usersMobile: integer("users_mobile").notNull(),
    usersAudioVideo: integer("users_audio_video").notNull(),
    pushDevices: integer("push_devices"),
  },
  (t) => [
    uniqueIndex("server_heartbeats_session_sequence_key").on(t.sessionId, t.sequence),
    // Charts: one server's heartbeats over a time range.
    index("server_heartbeats_server_received_idx").on(t.serverId, t.receivedAt),
  ],
);

/** Every change of connection status, with the moment it happened. */
export const serverStatusEvents = pgTable(
  "server_status_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    serverId: uuid("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    fromStatus: serverStatusEnum("from_status").notNull(),
    toStatus: serverStatusEnum("to_status").notNull(),
    at: ts("at").notNull(),
    reason: text("reason").notNull(),
    // Set once the owners were told (or it was decided nobody needs telling).
    notifiedAt: ts("notified_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("server_status_events_server_at_idx").on(t.serverId, t.at),
    index("server_status_events_unnotified_idx").on(t.id).where(sql`${t.notifiedAt} is null`),
  ],
);

/**
 * When the portal could last receive heartbeats (`alive_at`, kept fresh by every process's status
 * sweeper) and when it could again after its last outage (`resumed_at`): silence is judged only from
 * then, so servers are not blamed for the portal's own downtime. One row.
 */
export const ingestClock = pgTable(
  "ingest_clock",
  {
    id: integer("id").primaryKey().default(1),
    aliveAt: ts("alive_at").notNull(),
    resumedAt: ts("resumed_at").notNull(),
  },
  (t) => [check("ingest_clock_one_row", sql`${t.id} = 1`)],
);

export type Server = typeof servers.$inferSelect;

export type ServerStatus = (typeof serverStatusEnum.enumValues)[number];

export type ServerSession = typeof serverSessions.$inferSelect;

export type ServerHeartbeat = typeof serverHeartbeats.$inferSelect;

export type ServerStatusEvent = typeof serverStatusEvents.$inferSelect;
