import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { type Locale, memberships } from "@/db/schema";
import { sqlRows } from "@/db/sql";
import type { TrialReminderStage } from "@/emails/trial-reminder";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { ownerRecipients, type Recipient } from "@/lib/notifications/owner-recipients";
import { formatServerCode } from "@/lib/servers/server-id";
import { email } from "@/lib/validation";
import { claimLinks } from "./claim-links";

/** In hours, the unit of the windows below. */
const DAY = 24;

/**
 * Each stage is due while ends_at lies in (now + after, now + upTo], in hours. The windows do not
 * overlap and time only moves on, so a trial found late gets the closest stage only, never a stale
 * earlier one; "ended" stops a week after the end so that old trials never get mail.
 */
const STAGES: { stage: TrialReminderStage; after: number; upTo: number }[] = [
  { stage: "7-days", after: 1 * DAY, upTo: 7 * DAY },
  { stage: "1-day", after: 0, upTo: 1 * DAY },
  { stage: "ended", after: -7 * DAY, upTo: 0 },
];

/** Trials per stage and round; a backlog is worked off over the next rounds. */
const BATCH = 500;

type Due = {
  id: string;
  kind: string;
  organisation_id: string | null;
  company_name: string;
  server_name: string | null;
  server_code: string | null;
  contact_name: string | null;
  contact_email: string | null;
  locale: Locale;
  ends_at: Date | string;
  sales_email: string | null;
  sales_name: string | null;
  sales_locale: Locale | null;
};

export type SendTrialRemindersOptions = { appUrl: string; now?: Date };

/**
 * Reminds about every trial still followed (not converted, not merged into another) 7 days and
 * 1 day before it ends and when it has ended: the organisation's owners, or the trial's contact
 * while no owner has joined, and the assigned sales person. The reminder row names the end date, so
 * an extended trial is reminded again before its new end; it is inserted with ON CONFLICT DO NOTHING
 * in the same transaction as the mails, so only one of several portal processes sends.
 */
export async function sendTrialReminders(
  db: Db,
  opts: SendTrialRemindersOptions,
): Promise<{ mailed: number; reminders: number }> {
  const now = (opts.now ?? new Date()).toISOString();
  let mailed = 0;
  let reminders = 0;
  for (const window of STAGES) {
    for (const d of await dueTrials(db, now, window)) {
      const sent = await db.transaction(async (tx) => {
        // Claimed only if the trial is still as selected: not converted, merged or extended meanwhile.
        const claimed = await sqlRows<unknown>(
          tx,
          sql`
          insert into reminders_sent (subject_type, subject_id, kind)
          select 'trial', t.id, ${d.kind} from trials t
           where t.id = ${d.id}::uuid and t.converted_at is null and t.merged_into_id is null
             and ${kindOf(window.stage)} = ${d.kind}
          on conflict do nothing returning kind`,
        );
        if (claimed.length === 0) return -1;
        return mailTrial(tx, d, window.stage, opts.appUrl);
      });
      if (sent >= 0) {
        reminders++;
        mailed += sent;
      }
    }
  }
  return { mailed, reminders };
}

async function mailTrial(tx: DbOrTx, d: Due, stage: TrialReminderStage, appUrl: string): Promise<number> {
  const common = {
    stage,
    companyName: d.company_name,
    serverName: d.server_name,
    endsAt: new Date(d.ends_at).toISOString(),
  };
  let n = 0;
  // An unclaimed self-started trial's contact address and server name came with a request nobody
  // signed in for: the mail to that address carries only the portal's own words and the Server-ID,
  // and leads to signing up and claiming the server rather than to a licenses page they cannot see.
  const claim = !d.organisation_id && d.server_code ? claimLinks(appUrl, d.server_code) : null;
  const toCustomer = d.organisation_id
    ? { ...common, url: `${appUrl}/licenses` }
    : {
        ...common,
        companyName: `UCServer ${d.server_code ? formatServerCode(d.server_code) : ""}`.trim(),
        serverName: null,
        url: claim?.signUpUrl ?? `${appUrl}/licenses`,
        claimUrl: claim?.claimUrl ?? null,
      };
  for (const r of await customerRecipients(tx, d)) {
    await enqueueMail(tx, {
      template: "trial-reminder",
      to: r.email,
      toName: r.name,
      locale: r.locale,
      organisationId: d.organisation_id,
      props: { ...toCustomer, audience: "customer" },
    });
    n++;
  }
  if (d.sales_email) {
    await enqueueMail(tx, {
      template: "trial-reminder",
      to: d.sales_email,
      toName: d.sales_name,
      locale: d.sales_locale ?? "de",
      organisationId: d.organisation_id,
      props: { ...common, audience: "sales", url: `${appUrl}/sales/trials/${d.id}` },
    });
    n++;
  }
  return n;
}

/** The owners who want expiry mail; the trial's contact while there is no owner at all yet. */
async function customerRecipients(tx: DbOrTx, d: Due): Promise<Recipient[]> {
  if (d.organisation_id) {
    const [owner] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.organisationId, d.organisation_id), eq(memberships.role, "owner")))
      .limit(1);
    // Owners who turned these reminders off get none, and the contact does not stand in for them.
    if (owner) return ownerRecipients(tx, d.organisation_id, "expiry");
  }
  // Checked here as well: one bad address must not fail the round again every minute.
  const to = email.safeParse(d.contact_email ?? "");
  if (!to.success) return [];
  return [{ email: to.data, name: d.contact_name ?? "", locale: d.locale }];
}

/** The reminder kind for a stage and the trial's current end, e.g. `trial-7-days@1796637600`. */
function kindOf(stage: TrialReminderStage) {
  return sql`${`trial-${stage}@`} || floor(extract(epoch from t.ends_at))::bigint::text`;
}

async function dueTrials(
  db: Db,
  now: string,
  w: { stage: TrialReminderStage; after: number; upTo: number },
): Promise<Due[]> {
  const kind = kindOf(w.stage);
  return sqlRows<Due>(
    db,
    sql`
    select t.id, ${kind} as kind, t.organisation_id,
           coalesce(o.name, s.name, t.contact_name, t.contact_email, '') as company_name,
           case when s.deleted_at is null then s.name end as server_name, s.code as server_code,
           t.contact_name, t.contact_email, t.locale, t.ends_at,
           su.email as sales_email, su.name as sales_name, su.locale as sales_locale
      from trials t
      left join organisations o on o.id = t.organisation_id
      left join servers s on s.id = t.server_id
      left join users su on su.id = t.sales_user_id and su.disabled_at is null
     where t.merged_into_id is null and t.converted_at is null and o.deleted_at is null
       and t.ends_at > ${now}::timestamptz + make_interval(hours => ${w.after})
       and t.ends_at <= ${now}::timestamptz + make_interval(hours => ${w.upTo})
       and not exists (select 1 from reminders_sent r where r.subject_type = 'trial'
                        and r.subject_id = t.id and r.kind = ${kind})
     order by t.ends_at
     limit ${BATCH}`,
  );
}
