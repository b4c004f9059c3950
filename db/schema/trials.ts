/** Trials, whether a UCServer or sales started them. */
import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./accounts";
import { createdAt, ts } from "./columns";
import { serverOriginEnum, servers } from "./servers";

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

export type Trial = typeof trials.$inferSelect;
