/** Versioned legal documents and the consent ledger. */
import { sql } from "drizzle-orm";
import { boolean, check, index, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./accounts";
import { ts } from "./columns";
import { servers } from "./servers";

export const termsKindEnum = pgEnum("terms_kind", [
  "license-terms",
  "privacy-policy",
  "data-processing-agreement",
]);

export const consentSourceEnum = pgEnum("consent_source", ["ucserver", "portal"]);

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

export type TermsDocument = typeof termsDocuments.$inferSelect;

export type TermsKind = (typeof termsKindEnum.enumValues)[number];

export type TermsAcceptance = typeof termsAcceptances.$inferSelect;
