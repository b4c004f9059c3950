/** The product catalogue, licenses, license keys and the reminders sent about them. */
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { organisations, users } from "./accounts";
import { createdAt, ts } from "./columns";
import { servers } from "./servers";

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

export type Product = typeof products.$inferSelect;

export type License = typeof licenses.$inferSelect;

export type LicenseKey = typeof licenseKeys.$inferSelect;
