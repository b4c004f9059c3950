import { randomUUID } from "node:crypto";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { DbOrTx, Tx } from "@/db/client";
import { type Locale, mailOutbox } from "@/db/schema";
import { renderTemplate, type TemplateName, type TemplateProps } from "@/emails";
import type { RenderedMail } from "@/emails/layout";
import { validationError } from "@/lib/errors";
import { enqueueJobs } from "@/lib/jobs/enqueue";
import { email as emailSchema } from "@/lib/validation";

export type MailRequest<T extends TemplateName> = {
  template: T;
  props: TemplateProps[T];
  to: string;
  toName?: string | null;
  locale: Locale;
  organisationId?: string | null;
};

/** A mail already rendered (many of one kind are rendered in a batch, see lib/invitations). */
export type PreparedMail = {
  template: string;
  to: string;
  toName: string | null;
  locale: Locale;
  organisationId: string | null;
  rendered: RenderedMail;
};

/** Renders a template and writes it to the outbox; see enqueueMails. Returns the outbox id. */
export async function enqueueMail<T extends TemplateName>(db: DbOrTx, req: MailRequest<T>): Promise<string> {
  const [id] = await enqueueMails(db, [
    {
      template: req.template,
      to: req.to,
      toName: req.toName ?? null,
      locale: req.locale,
      organisationId: req.organisationId ?? null,
      rendered: renderTemplate(req.template, req.props, req.locale),
    },
  ]);
  return id!;
}

/**
 * Writes mails to the outbox, each with its delivery job, in the caller's transaction (or one of
 * their own), so a mail and its sending exist exactly when the change that caused them does; the
 * job runner sends them (lib/mail/deliver-outbox.ts). Returns the outbox ids in the given order.
 * Every address is checked again here: it reaches nodemailer, and a CR/LF or a second address in
 * it must never get that far.
 */
export async function enqueueMails(db: DbOrTx, mails: PreparedMail[]): Promise<string[]> {
  if (mails.length === 0) return [];
  const rows = mails.map((m) => {
    const to = emailSchema.safeParse(m.to);
    if (!to.success) throw validationError([{ field: "to", message: "invalid-email" }], "Invalid recipient");
    return {
      id: randomUUID(),
      organisationId: m.organisationId,
      template: m.template,
      toAddress: to.data,
      toName: m.toName?.replace(/[\p{Cc}\p{Cf}]/gu, "").slice(0, 200) || null,
      locale: m.locale,
      subject: m.rendered.subject,
      html: m.rendered.html,
      text: m.rendered.text,
    };
  });
  await inTransaction(db, async (tx) => {
    // Large batches go in slices, to stay well under PostgreSQL's parameter limit.
    for (let i = 0; i < rows.length; i += 500) await tx.insert(mailOutbox).values(rows.slice(i, i + 500));
    await enqueueJobs(
      tx,
      "mail.deliver",
      rows.map((r) => ({ outboxId: r.id })),
    );
  });
  return rows.map((r) => r.id);
}

function inTransaction(db: DbOrTx, work: (tx: Tx | DbOrTx) => Promise<void>): Promise<void> {
  return db instanceof PgTransaction ? work(db) : db.transaction((tx) => work(tx));
}
