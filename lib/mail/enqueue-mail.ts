import type { DbOrTx } from "@/db/client";
import { type Locale, mailOutbox } from "@/db/schema";
import { renderTemplate, type TemplateName, type TemplateProps } from "@/emails";
import { AppError } from "@/lib/errors";
import { email as emailSchema, text } from "@/lib/validation";

export type MailRequest<T extends TemplateName> = {
  template: T;
  props: TemplateProps[T];
  to: string;
  toName?: string | null;
  locale: Locale;
  organisationId?: string | null;
};

/**
 * Renders a template and writes it to the outbox, inside the caller's transaction, so the mail
 * exists exactly when the change that caused it does. Delivery happens later (see deliver-outbox).
 */
export async function enqueueMail<T extends TemplateName>(db: DbOrTx, req: MailRequest<T>): Promise<string> {
  // Validated again here: this address reaches nodemailer, and a CR/LF in it must never get that far.
  const to = emailSchema.safeParse(req.to);
  if (!to.success)
    throw new AppError("validation", "Invalid recipient", {
      fields: [{ field: "to", message: "invalid-email" }],
    });
  const name = req.toName ? text(200).safeParse(req.toName) : null;
  const rendered = renderTemplate(req.template, req.props, req.locale);
  const [row] = await db
    .insert(mailOutbox)
    .values({
      organisationId: req.organisationId ?? null,
      template: req.template,
      toAddress: to.data,
      toName: name?.success ? name.data : null,
      locale: req.locale,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
    })
    .returning({ id: mailOutbox.id });
  return row!.id;
}
