/** The mail outbox: every e-mail is written here, in the transaction that causes it, before it is sent. */
import { index, integer, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { localeEnum, organisations } from "./accounts";
import { createdAt, ts } from "./columns";

export const mailStatusEnum = pgEnum("mail_status", ["queued", "sending", "sent", "failed"]);

/** Why the last attempt to send a mail failed, in words a customer can be shown (see transport.ts). */
export const mailFailureEnum = pgEnum("mail_failure", [
  "recipient-rejected",
  "message-refused",
  "server-unreachable",
  "deferred",
  "error",
]);

/** Every e-mail is written here before any attempt to send it. */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    template: text("template").notNull(),
    toAddress: text("to_address").notNull(),
    toName: text("to_name"),
    locale: localeEnum("locale").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    status: mailStatusEnum("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: ts("next_attempt_at").notNull().defaultNow(),
    // The SMTP server's words, for operators only; customers see `failure`.
    lastError: text("last_error"),
    failure: mailFailureEnum("failure"),
    messageId: text("message_id"),
    // Set when the body was erased: a mail carrying a one-time link keeps only its metadata once sent.
    bodyErasedAt: ts("body_erased_at"),
    sentAt: ts("sent_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("mail_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("mail_outbox_created_idx").on(t.createdAt),
  ],
);

export type OutboxMail = typeof mailOutbox.$inferSelect;

export type MailFailure = (typeof mailFailureEnum.enumValues)[number];
