/** App invitations to the mobile apps, and the settings operators keep (store links). */
import { index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./accounts";
import { ts } from "./columns";
import { mailOutbox } from "./mail";
import { servers } from "./servers";

/**
 * An invitation of one person to the mobile apps for one server. Its delivery is the outbox row it
 * points to (queued → sent | failed); a resend points it at a new outbox row.
 */
export const appInvitations = pgTable(
  "app_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    serverId: uuid("server_id")
      .notNull()
      .references(() => servers.id, { onDelete: "cascade" }),
    batchId: uuid("batch_id").notNull(),
    recipientName: text("recipient_name").notNull(),
    email: text("email").notNull(),
    loginName: text("login_name"),
    locale: text("locale", { enum: ["de", "en"] }).notNull(),
    message: text("message"),
    outboxId: uuid("outbox_id").references(() => mailOutbox.id, { onDelete: "set null" }),
    sentByUserId: uuid("sent_by_user_id").references(() => users.id, { onDelete: "set null" }),
    lastQueuedAt: ts("last_queued_at").notNull().defaultNow(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("app_invitations_org_created_idx").on(t.organisationId, t.createdAt),
    // "Already invited to this server today?"
    index("app_invitations_dedupe_idx").on(t.serverId, t.email, t.lastQueuedAt),
    index("app_invitations_outbox_idx").on(t.outboxId),
  ],
);

/** Settings operators keep for every organisation (the app store links, for one). */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").$type<unknown>().notNull(),
  updatedByUserId: uuid("updated_by_user_id").references(() => users.id, { onDelete: "set null" }),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type AppInvitation = typeof appInvitations.$inferSelect;
