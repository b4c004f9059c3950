import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import { type Locale, mailOutbox } from "@/db/schema";
import type { RenderedMail } from "@/emails/layout";
import { AppError } from "@/lib/errors";
import { email as emailSchema } from "@/lib/validation";

export type PreparedMail = {
  template: string;
  to: string;
  toName: string | null;
  locale: Locale;
  organisationId: string | null;
  rendered: RenderedMail;
};

/**
 * Writes many already-rendered mails to the outbox in one statement and returns their ids in the
 * given order. Each address is checked again: none with a second address or header gets through.
 */
export async function enqueueMails(db: DbOrTx, mails: PreparedMail[]): Promise<string[]> {
  if (mails.length === 0) return [];
  const rows = mails.map((m) => {
    const to = emailSchema.safeParse(m.to);
    if (!to.success)
      throw new AppError("validation", "Invalid recipient", {
        fields: [{ field: "to", message: "invalid-email" }],
      });
    return {
      id: randomUUID(),
      organisationId: m.organisationId,
      template: m.template,
      toAddress: to.data,
      toName: m.toName?.replace(/[\p{Cc}\p{Cf}]/gu, "") || null,
      locale: m.locale,
      subject: m.rendered.subject,
      html: m.rendered.html,
      text: m.rendered.text,
    };
  });
  // Large batches go in slices, to stay well under PostgreSQL's parameter limit.
  for (let i = 0; i < rows.length; i += 500) await db.insert(mailOutbox).values(rows.slice(i, i + 500));
  return rows.map((r) => r.id);
}
