import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/** What replaces a person's name, address or label in the rows the law makes us keep. */
export const ERASED = "erased";

// Detail keys that name or address a person (member.invited's `email`, trial.assigned's `toName`,
// a contact, a recipient, who accepted, a personal message, an address). Any other value that
// holds an "@" goes too: an e-mail address under a key nobody listed.
const PERSONAL_KEY = "(mail|name|contact|recipient|accepted|message|address|^ip$|^to$)";

/**
 * Erases the personal data of an organisation being deleted, in the caller's transaction. Rows
 * that only served its people go (member and app invitations); rows the law requires us to keep
 * stay without the people in them: the consent ledger (who accepted → "erased", no address, no
 * account), the audit log (no actor, no address, details without names and e-mail addresses) and
 * the mail outbox (metadata only; mails not sent yet never will be). `serverIds` are all of the
 * organisation's servers, deleted ones included: consents a UCServer gave cover that server.
 */
export async function eraseOrganisationData(
  tx: DbOrTx,
  organisationId: string,
  serverIds: string[],
): Promise<void> {
  const servers = serverIds.length
    ? sql`server_id in (${sql.join(
        serverIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})`
    : sql`false`;
  await tx.execute(sql`delete from member_invitations where organisation_id = ${organisationId}::uuid`);
  await tx.execute(sql`delete from app_invitations where organisation_id = ${organisationId}::uuid`);
  // The customer's network setup (names, addresses) and its check results (cascade).
  await tx.execute(sql`delete from server_connectivity where organisation_id = ${organisationId}::uuid`);
  await tx.execute(sql`
    update mail_outbox
       set to_address = ${ERASED}, to_name = null, subject = '', html = '', text = '',
           body_erased_at = coalesce(body_erased_at, now()),
           status = case when status in ('queued', 'sending') then 'failed'::mail_status else status end,
           last_error = case when status in ('queued', 'sending') then 'organisation deleted' else last_error end
     where organisation_id = ${organisationId}::uuid`);
  await tx.execute(sql`
    update terms_acceptances set accepted_by = ${ERASED}, accepted_by_user_id = null, ip = null
     where organisation_id = ${organisationId}::uuid or ${servers}`);
  await tx.execute(sql`
    update audit_events a
       set actor_label = ${ERASED}, actor_user_id = null, ip = null,
           target_id = case when a.target_type = 'user' then null else a.target_id end,
           details = case when jsonb_typeof(a.details) <> 'object' then '{}'::jsonb else coalesce((
             select jsonb_object_agg(e.key, e.value) from jsonb_each(a.details) e
              where e.key !~* ${PERSONAL_KEY} and strpos(e.value::text, '@') = 0), '{}'::jsonb) end
     where a.organisation_id = ${organisationId}::uuid`);
  // A trial's contact is a person too; the trial itself stays for sales' figures.
  await tx.execute(sql`
    update trials set contact_name = null, contact_email = null, ip = null
     where organisation_id = ${organisationId}::uuid or ${servers}`);
  await tx.execute(sql`
    update servers set contact_email = null where organisation_id = ${organisationId}::uuid`);
}
