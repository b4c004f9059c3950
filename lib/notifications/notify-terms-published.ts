import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { Locale, TermsDocument } from "@/db/schema";
import { sqlRows } from "@/db/sql";
import { enqueueMail } from "@/lib/mail/enqueue-mail";

/**
 * Queues one mail per owner (of any organisation) about a newly published terms version, in the
 * owner's language. Call it in the publishing transaction: the mails exist exactly when the
 * version does. Everyone who owns an organisation is told, whatever their notification settings:
 * this changes what their servers may do.
 */
export async function notifyTermsPublished(tx: DbOrTx, doc: TermsDocument, appUrl: string): Promise<number> {
  const owners = await sqlRows<{ email: string; name: string; locale: Locale }>(
    tx,
    sql`
    select distinct u.email, u.name, u.locale
      from memberships m join users u on u.id = m.user_id
     where m.role = 'owner'`,
  );
  const documentUrl = `${appUrl}/legal/${doc.kind}/${encodeURIComponent(doc.version)}`;
  for (const o of owners) {
    await enqueueMail(tx, {
      template: "terms-published",
      to: o.email,
      toName: o.name,
      locale: o.locale,
      props: {
        kind: doc.kind,
        title: o.locale === "en" ? doc.titleEn : doc.titleDe,
        version: doc.version,
        documentUrl,
        url: `${appUrl}/terms`,
      },
    });
  }
  return owners.length;
}
