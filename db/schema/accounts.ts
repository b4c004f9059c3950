/** People, their organisations and roles, sign-in tokens and sessions, rate limits and the audit log. */
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, ts } from "./columns";

export const localeEnum = pgEnum("locale", ["de", "en"]);

export const orgRoleEnum = pgEnum("org_role", ["owner", "admin", "member"]);

export const authTokenKindEnum = pgEnum("auth_token_kind", [
  "sign-in-link",
  "password-reset",
  "email-verification",
]);

/** People who sign in: customers and vendor staff alike. Staff roles live on the user. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    locale: localeEnum("locale").notNull().default("de"),
    staffRoles: text("staff_roles").array().notNull().default(sql`'{}'::text[]`),
    emailVerifiedAt: ts("email_verified_at"),
    passwordChangedAt: ts("password_changed_at"),
    disabledAt: ts("disabled_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

export const organisations = pgTable("organisations", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  // Set when its owner deleted it: the row stays for the consent ledger and the audit log the law
  // requires, without personal data; nobody is a member any more.
  deletedAt: ts("deleted_at"),
  createdAt: createdAt(),
});

export const memberships = pgTable(
  "memberships",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: orgRoleEnum("role").notNull(),
    // Which e-mails this person wants about this organisation (owners get them by default).
    notifyServerStatus: boolean("notify_server_status").notNull().default(true),
    notifyExpiry: boolean("notify_expiry").notNull().default(true),
    // Checks of the connectivity assistant turning red or amber, and green again.
    notifyConnectivity: boolean("notify_connectivity").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.userId] }), index("memberships_user_idx").on(t.userId)],
);

/** An invitation to join an organisation; the link token is stored only as a SHA-256 hash. */
export const memberInvitations = pgTable(
  "member_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: orgRoleEnum("role").notNull(),
    locale: localeEnum("locale").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedByUserId: uuid("invited_by_user_id").references(() => users.id, { onDelete: "set null" }),
    expiresAt: ts("expires_at").notNull(),
    acceptedAt: ts("accepted_at"),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("member_invitations_token_key").on(t.tokenHash),
    index("member_invitations_org_idx").on(t.organisationId, t.createdAt),
  ],
);

/** Single-use e-mail link tokens (sign-in links, password resets), stored hashed. */
export const authTokens = pgTable(
  "auth_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: authTokenKindEnum("kind").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("auth_tokens_token_key").on(t.tokenHash), index("auth_tokens_user_idx").on(t.userId)],
);

/** Server-side record of each browser session, so sign-out and expiry are enforced, not just hoped for. */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    expiresAt: ts("expires_at").notNull(),
    revokedAt: ts("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("user_sessions_token_key").on(t.tokenHash),
    index("user_sessions_user_idx").on(t.userId),
  ],
);

/** Fixed-window counters shared by every portal process (sign-in throttling, protocol limits). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: ts("window_start").notNull(),
  count: integer("count").notNull(),
});

export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    actorLabel: text("actor_label").notNull(),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    ip: text("ip"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_events_org_created_idx").on(t.organisationId, t.createdAt),
    index("audit_events_created_idx").on(t.createdAt),
  ],
);

export type User = typeof users.$inferSelect;

export type Organisation = typeof organisations.$inferSelect;

export type Membership = typeof memberships.$inferSelect;

export type OrgRole = (typeof orgRoleEnum.enumValues)[number];

export type Locale = (typeof localeEnum.enumValues)[number];

export type AuditEvent = typeof auditEvents.$inferSelect;
