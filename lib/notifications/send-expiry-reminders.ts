import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sqlRows } from "@/db/sql";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { ownerRecipients } from "./owner-recipients";

/** Reminders go out when this many days or fewer are left; each once per license. */
export const REMINDER_DAYS = [14, 3] as const;

type Due = {
  subject_id: string;
  organisation_id: string;
  organisation_name: string;
  name_de: string;
  name_en: string;
  server_name: string | null;
  ends_at: Date | string;
};

export type SendExpiryRemindersOptions = { appUrl: string; now?: Date };

/**
 * Tells owners that a bought license ends in 14 and in 3 days. The reminder row is inserted with
 * ON CONFLICT DO NOTHING in the same transaction as the mail, so only the process that inserted it
 * sends, however many run. Revoked licenses and licenses on deleted servers get nothing. Trials are
 * reminded on their own schedule, to their sales person as well (lib/trials/send-trial-reminders.ts).
 */
export async function sendExpiryReminders(
  db: Db,
  opts: SendExpiryRemindersOptions,
): Promise<{ mailed: number; reminders: number }> {
  const now = (opts.now ?? new Date()).toISOString();
  let mailed = 0;
  let reminders = 0;
  // The 3-day reminder first: something found with 2 days left gets that one, not a stale "14 days".
  for (const days of [...REMINDER_DAYS].sort((a, b) => a - b)) {
    const due = await dueSubjects(db, now, days);
    for (const d of due) {
      const kind = `expires-in-${days}-days`;
      const sent = await db.transaction(async (tx) => {
        const claimed = await sqlRows<unknown>(
          tx,
          sql`
          insert into reminders_sent (subject_type, subject_id, kind)
          values ('license', ${d.subject_id}::uuid, ${kind})
          on conflict do nothing returning kind`,
        );
        if (claimed.length === 0) return -1;
        let n = 0;
        for (const r of await ownerRecipients(tx, d.organisation_id, "expiry")) {
          await enqueueMail(tx, {
            template: "expiry-reminder",
            to: r.email,
            toName: r.name,
            locale: r.locale,
            organisationId: d.organisation_id,
            props: {
              organisationName: d.organisation_name,
              name: r.locale === "en" ? d.name_en : d.name_de,
              serverName: d.server_name,
              endsAt: new Date(d.ends_at).toISOString(),
              daysLeft: days,
              url: `${opts.appUrl}/licenses`,
            },
          });
          n++;
        }
        return n;
      });
      if (sent >= 0) {
        reminders++;
        mailed += sent;
      }
    }
  }
  return { mailed, reminders };
}

/** Licenses ending within `days` that have no reminder of that kind (nor a closer one) yet. */
async function dueSubjects(db: Db, now: string, days: number): Promise<Due[]> {
  const kinds = REMINDER_DAYS.filter((d) => d <= days).map((d) => `expires-in-${d}-days`);
  const kindList = sql.join(
    kinds.map((k) => sql`${k}`),
    sql`, `,
  );
  const result = await sqlRows<Due>(
    db,
    sql`
    select l.id as subject_id, o.id as organisation_id, o.name as organisation_name,
           p.name_de, p.name_en, s.name as server_name, l.valid_until as ends_at
      from licenses l
      join products p on p.key = l.product_key
      left join servers s on s.id = l.server_id
      join organisations o on o.id = coalesce(s.organisation_id, l.organisation_id)
     where l.revoked_at is null and not l.trial
       and l.valid_until > ${now}::timestamptz
       and l.valid_until <= ${now}::timestamptz + make_interval(days => ${days})
       and (l.server_id is null or s.deleted_at is null)
       and not exists (select 1 from reminders_sent r where r.subject_type = 'license'
                        and r.subject_id = l.id and r.kind in (${kindList}))
     limit 500`,
  );
  return result;
}
