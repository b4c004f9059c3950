import { relations, sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
// Only referenced lazily (inside callbacks): schema.ts re-exports this module, so the import is circular.
import { organisations, users } from "./schema";

const ts = (name: string) => timestamp(name, { withTimezone: true });
const createdAt = () => ts("created_at").notNull().defaultNow();

export const serverStatusEnum = pgEnum("server_status", ["never-connected", "online", "late", "offline"]);
export const serverOriginEnum = pgEnum("server_origin", ["portal", "ucserver-trial", "sales-trial"]);
export const termsKindEnum = pgEnum("terms_kind", [
  "license-terms",
  "privacy-policy",
  "data-processing-agreement",
]);
export const consentSourceEnum = pgEnum("consent_source", ["ucserver", "portal"]);

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

/**
 * What can be sold. A license of a product grants quantity × the per-unit users, and push/TURN
 * as flags. A trial grants `trialQuantity` of every active product.
 */
export const products = pgTable("products", {
  key: text("key").primaryKey(),
  nameDe: text("name_de").notNull(),
  nameEn: text("name_en").notNull(),
  mobileUsersPerUnit: integer("mobile_users_per_unit").notNull().default(0),
  audioVideoUsersPerUnit: integer("audio_video_users_per_unit").notNull().default(0),
  grantsPush: boolean("grants_push").notNull().default(false),
  grantsTurn: boolean("grants_turn").notNull().default(false),
  trialQuantity: integer("trial_quantity").notNull().default(0),
  active: boolean("active").notNull().default(true),
  sortOrder: integer("sort_order").notNull().default(0),
  createdAt: createdAt(),
});

/** A license assigned to a server. Trial licenses are rows like any other, with trial = true. */
export const licenses = pgTable(
  "licenses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Null while a redeemed license waits to be assigned to one of the organisation's servers.
    serverId: uuid("server_id").references(() => servers.id, { onDelete: "set null" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "restrict" }),
    licenseKeyId: uuid("license_key_id"),
    // Bumped by every change; an edit names the revision it saw, so two edits never overwrite each other.
    revision: integer("revision").notNull().default(1),
    productKey: text("product_key")
      .notNull()
      .references(() => products.key),
    quantity: integer("quantity").notNull(),
    validFrom: ts("valid_from").notNull(),
    validUntil: ts("valid_until"),
    trial: boolean("trial").notNull().default(false),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("licenses_server_idx").on(t.serverId),
    index("licenses_org_idx").on(t.organisationId),
    check("licenses_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

/**
 * A license key issued by sales or an operator, redeemed once by a customer organisation, which
 * turns it into a license. Only the key's SHA-256 is stored, with its last characters as a hint.
 */
export const licenseKeys = pgTable(
  "license_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    keyHash: text("key_hash").notNull(),
    keyHint: text("key_hint").notNull(),
    productKey: text("product_key")
      .notNull()
      .references(() => products.key),
    quantity: integer("quantity").notNull(),
    // Validity starts when the key is redeemed; null means no end.
    validDays: integer("valid_days"),
    note: text("note"),
    issuedByUserId: uuid("issued_by_user_id").references(() => users.id, { onDelete: "set null" }),
    redeemedAt: ts("redeemed_at"),
    redeemedByOrganisationId: uuid("redeemed_by_organisation_id").references(() => organisations.id, {
      onDelete: "set null",
    }),
    licenseId: uuid("license_id").references(() => licenses.id, { onDelete: "set null" }),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("license_keys_hash_key").on(t.keyHash),
    index("license_keys_created_idx").on(t.createdAt),
    check("license_keys_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

/** Reminders already sent (a license or trial expiring in 14 or 3 days…), so each goes out once. */
export const remindersSent = pgTable(
  "reminders_sent",
  {
    subjectType: text("subject_type").notNull(),
    subjectId: uuid("subject_id").notNull(),
    kind: text("kind").notNull(),
    sentAt: ts("sent_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.subjectType, t.subjectId, t.kind] })],
);

/**
 * Trials, whether a UCServer started one itself or sales started one for a prospect. A trial belongs
 * to one organisation (none while a self-started one is unclaimed) and rides on one server at a time:
 * deleting that server and registering or claiming another moves the same trial, with the days it has
 * left, never a new one. A self-started trial claimed into an organisation that already had a trial is
 * merged into that one (`merged_into_id`) and ends when it ends.
 */
export const trials = pgTable(
  "trials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Null for a sales-started trial whose prospect has not registered a server yet.
    serverId: uuid("server_id").references(() => servers.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "restrict" }),
    origin: serverOriginEnum("origin").notNull(),
    startedByUserId: uuid("started_by_user_id").references(() => users.id, { onDelete: "set null" }),
    // The sales person following the trial; null until one takes a self-started trial.
    salesUserId: uuid("sales_user_id").references(() => users.id, { onDelete: "set null" }),
    ip: text("ip"),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    locale: text("locale", { enum: ["de", "en"] })
      .notNull()
      .default("de"),
    startsAt: ts("starts_at").notNull(),
    endsAt: ts("ends_at").notNull(),
    // A trial is extended at most once (the check below), by a set number of days, with a reason.
    extendedAt: ts("extended_at"),
    extendedByUserId: uuid("extended_by_user_id").references(() => users.id, { onDelete: "set null" }),
    extensionDays: integer("extension_days"),
    extensionReason: text("extension_reason"),
    convertedAt: ts("converted_at"),
    convertedByUserId: uuid("converted_by_user_id").references(() => users.id, { onDelete: "set null" }),
    mergedIntoId: uuid("merged_into_id"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("trials_server_key").on(t.serverId),
    uniqueIndex("trials_organisation_key").on(t.organisationId),
    index("trials_ends_idx").on(t.endsAt),
    index("trials_sales_user_idx").on(t.salesUserId, t.endsAt),
    index("trials_contact_email_idx").on(t.contactEmail),
    check(
      "trials_extension_complete",
      sql`(${t.extendedAt} is null) = (${t.extensionDays} is null) and (${t.extendedAt} is null) = (${t.extensionReason} is null)`,
    ),
  ],
);

/** Versioned legal documents; exactly one current version per kind. */
export const termsDocuments = pgTable(
  "terms_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: termsKindEnum("kind").notNull(),
    version: text("version").notNull(),
    titleDe: text("title_de").notNull(),
    titleEn: text("title_en").notNull(),
    url: text("url").notNull(),
    isCurrent: boolean("is_current").notNull().default(false),
    publishedAt: ts("published_at").notNull().defaultNow(),
    publishedByUserId: uuid("published_by_user_id").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("terms_documents_kind_version_key").on(t.kind, t.version),
    uniqueIndex("terms_documents_current_key").on(t.kind).where(sql`${t.isCurrent}`),
  ],
);

/**
 * A consent, kept for good: which document version, who, when, from where, and whether it covers
 * one server (given by the UCServer) or a whole organisation (given in the portal).
 */
export const termsAcceptances = pgTable(
  "terms_acceptances",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    documentId: uuid("document_id")
      .notNull()
      .references(() => termsDocuments.id),
    kind: termsKindEnum("kind").notNull(),
    version: text("version").notNull(),
    serverId: uuid("server_id").references(() => servers.id),
    organisationId: uuid("organisation_id").references(() => organisations.id),
    source: consentSourceEnum("source").notNull(),
    acceptedBy: text("accepted_by").notNull(),
    acceptedByUserId: uuid("accepted_by_user_id").references(() => users.id, { onDelete: "set null" }),
    ip: text("ip"),
    acceptedAt: ts("accepted_at").notNull().defaultNow(),
  },
  (t) => [
    index("terms_acceptances_server_idx").on(t.serverId, t.documentId),
    index("terms_acceptances_org_idx").on(t.organisationId, t.documentId),
    check("terms_acceptances_scope", sql`${t.serverId} is not null or ${t.organisationId} is not null`),
  ],
);

export const serversRelations = relations(servers, ({ one, many }) => ({
  organisation: one(organisations, { fields: [servers.organisationId], references: [organisations.id] }),
  sessions: many(serverSessions),
  heartbeats: many(serverHeartbeats),
  statusEvents: many(serverStatusEvents),
  licenses: many(licenses),
  trial: one(trials, { fields: [servers.id], references: [trials.serverId] }),
}));
export const serverSessionsRelations = relations(serverSessions, ({ one }) => ({
  server: one(servers, { fields: [serverSessions.serverId], references: [servers.id] }),
}));
export const serverHeartbeatsRelations = relations(serverHeartbeats, ({ one }) => ({
  server: one(servers, { fields: [serverHeartbeats.serverId], references: [servers.id] }),
}));
export const serverStatusEventsRelations = relations(serverStatusEvents, ({ one }) => ({
  server: one(servers, { fields: [serverStatusEvents.serverId], references: [servers.id] }),
}));
export const licensesRelations = relations(licenses, ({ one }) => ({
  server: one(servers, { fields: [licenses.serverId], references: [servers.id] }),
  product: one(products, { fields: [licenses.productKey], references: [products.key] }),
}));
export const trialsRelations = relations(trials, ({ one }) => ({
  server: one(servers, { fields: [trials.serverId], references: [servers.id] }),
  organisation: one(organisations, { fields: [trials.organisationId], references: [organisations.id] }),
}));
export const termsAcceptancesRelations = relations(termsAcceptances, ({ one }) => ({
  document: one(termsDocuments, { fields: [termsAcceptances.documentId], references: [termsDocuments.id] }),
  server: one(servers, { fields: [termsAcceptances.serverId], references: [servers.id] }),
  organisation: one(organisations, {
    fields: [termsAcceptances.organisationId],
    references: [organisations.id],
  }),
}));

export type Server = typeof servers.$inferSelect;
export type ServerStatus = (typeof serverStatusEnum.enumValues)[number];
export type ServerSession = typeof serverSessions.$inferSelect;
export type ServerHeartbeat = typeof serverHeartbeats.$inferSelect;
export type ServerStatusEvent = typeof serverStatusEvents.$inferSelect;
export type Product = typeof products.$inferSelect;
export type License = typeof licenses.$inferSelect;
export type Trial = typeof trials.$inferSelect;
export type TermsDocument = typeof termsDocuments.$inferSelect;
export type TermsKind = (typeof termsKindEnum.enumValues)[number];
export type TermsAcceptance = typeof termsAcceptances.$inferSelect;
export type LicenseKey = typeof licenseKeys.$inferSelect;
