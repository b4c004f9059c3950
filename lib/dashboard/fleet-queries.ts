/**
 * The fleet dashboard's queries, each one statement over the organisation's rows, aggregated or
 * bounded in SQL (see get-fleet-dashboard.ts). Internal to lib/dashboard: the caller has checked
 * the permission and passes its organisation.
 */
import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { ServerStatus, TermsKind } from "@/db/schema";
import { sqlRows } from "@/db/sql";
import { EXPIRING_DAYS } from "@/lib/licenses/license-status";

/** How many items of each kind of attention are listed; the total is counted anyway. */
export const ATTENTION_LIMIT = 20;

type When = Date | string;

/** Per reported version (null: none yet), the servers by status and what they report. */
export type VersionGroup = {
  version: string | null;
  online: number;
  late: number;
  offline: number;
  never_connected: number;
  /** Servers not disabled: the only ones attention is drawn to. */
  active: number;
  offline_active: number;
  terms_open: number;
  mobile: number;
  audio_video: number;
};

/** One pass over the organisation's servers: counts by status and version, and the users reported. */
export function fleetByVersion(db: DbOrTx, orgId: string) {
  return sqlRows<VersionGroup>(
    db,
    sql`select ucserver_version as version,
               count(*) filter (where status = 'online')::int as online,
               count(*) filter (where status = 'late')::int as late,
               count(*) filter (where status = 'offline')::int as offline,
               count(*) filter (where status = 'never-connected')::int as never_connected,
               count(*) filter (where disabled_at is null)::int as active,
               count(*) filter (where status = 'offline' and disabled_at is null)::int as offline_active,
               count(*) filter (where not terms_accepted and disabled_at is null)::int as terms_open,
               coalesce(sum(users_mobile) filter (where disabled_at is null), 0)::int as mobile,
               coalesce(sum(users_audio_video) filter (where disabled_at is null), 0)::int as audio_video
          from servers
         where organisation_id = ${orgId}::uuid and deleted_at is null
         group by ucserver_version`,
  );
}

// Attention is drawn to servers in use: not deleted, not disabled.
const activeServer = (orgId: string) =>
  sql`s.organisation_id = ${orgId}::uuid and s.deleted_at is null and s.disabled_at is null`;

/** Offline servers, the most recent drop first. */
export function offlineServers(db: DbOrTx, orgId: string) {
  return sqlRows<{ id: string; code: string; name: string; status: ServerStatus; since: When }>(
    db,
    sql`select s.id, s.code, s.name, s.status, s.status_changed_at as since
          from servers s
         where ${activeServer(orgId)} and s.status = 'offline'
         order by s.status_changed_at desc, s.name, s.id
         limit ${ATTENTION_LIMIT}`,
  );
}

/** Servers on one of `versions` (given oldest first), the oldest version first. */
export function serversOnVersions(db: DbOrTx, orgId: string, versions: string[]) {
  if (versions.length === 0) return Promise.resolve([]);
  const list: SQL = sql`array[${sql.join(
    versions.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
  return sqlRows<{ id: string; code: string; name: string; version: string }>(
    db,
    sql`select s.id, s.code, s.name, s.ucserver_version as version
          from servers s
         where ${activeServer(orgId)} and s.ucserver_version = any(${list})
         order by array_position(${list}, s.ucserver_version), s.name, s.id
         limit ${ATTENTION_LIMIT}`,
  );
}

// The users each server's active licenses grant, as the servers list and the UCServer count them.
const entitlements = (orgId: string) => sql`
  select l.server_id,
         sum(l.quantity * p.mobile_users_per_unit)::int as mobile,
         sum(l.quantity * p.audio_video_users_per_unit)::int as audio_video
    from licenses l join products p on p.key = l.product_key
   where l.organisation_id = ${orgId}::uuid and l.server_id is not null and l.revoked_at is null
     and l.valid_from <= now() and (l.valid_until is null or l.valid_until > now())
   group by l.server_id`;

/** Servers reporting more mobile or audio/video users than their licenses grant, the largest excess first. */
export function serversOverLicense(db: DbOrTx, orgId: string) {
  return sqlRows<{
    id: string;
    code: string;
    name: string;
    users_mobile: number | null;
    users_audio_video: number | null;
    ent_mobile: number;
    ent_audio_video: number;
    total: number;
  }>(
    db,
    sql`with ent as (${entitlements(orgId)}),
        over as (
          select s.id, s.code, s.name, s.users_mobile, s.users_audio_video,
                 coalesce(ent.mobile, 0) as ent_mobile, coalesce(ent.audio_video, 0) as ent_audio_video
            from servers s left join ent on ent.server_id = s.id
           where ${activeServer(orgId)}
             and (s.users_mobile > coalesce(ent.mobile, 0) or s.users_audio_video > coalesce(ent.audio_video, 0)))
        select over.*, count(*) over ()::int as total
          from over
         order by greatest(users_mobile - ent_mobile, users_audio_video - ent_audio_video) desc, name, id
         limit ${ATTENTION_LIMIT}`,
  );
}

const NO_SERVER = sql`'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * Paid licenses that end within EXPIRING_DAYS, soonest first, unless a license of the same product
 * on the same server (or, unassigned, also unassigned) takes over by then: a renewal is no warning.
 * Trial licenses are left to the trial's own item.
 */
export function expiringLicenses(db: DbOrTx, orgId: string) {
  return sqlRows<{
    id: string;
    name_de: string;
    name_en: string;
    quantity: number;
    valid_until: When;
    server_id: string | null;
    server_name: string | null;
    total: number;
  }>(
    db,
    sql`select l.id, p.name_de, p.name_en, l.quantity, l.valid_until, s.id as server_id, s.name as server_name,
               count(*) over ()::int as total
          from licenses l
          join products p on p.key = l.product_key
          left join servers s on s.id = l.server_id and s.deleted_at is null
         where l.organisation_id = ${orgId}::uuid and not l.trial and l.revoked_at is null
           and l.valid_until > now() and l.valid_until <= now() + make_interval(days => ${EXPIRING_DAYS})
           and not exists (
                 select 1 from licenses n
                  where n.organisation_id = l.organisation_id and n.id <> l.id
                    and n.product_key = l.product_key
                    -- "Same server, or both unassigned" as an equality, so it can be hashed.
                    and coalesce(n.server_id, ${NO_SERVER}) = coalesce(l.server_id, ${NO_SERVER})
                    and n.revoked_at is null and n.valid_from <= l.valid_until
                    and (n.valid_until is null or n.valid_until > l.valid_until))
         order by l.valid_until, p.sort_order, l.id
         limit ${ATTENTION_LIMIT}`,
  );
}

/** The running trial's end if it comes within EXPIRING_DAYS, and the current terms the organisation has not accepted. */
export async function organisationFacts(db: DbOrTx, orgId: string) {
  const [row] = await sqlRows<{
    trial_ends_at: When | null;
    missing_terms: { kind: TermsKind; titleDe: string; titleEn: string }[] | string;
  }>(
    db,
    sql`select
          (select min(t.ends_at) from trials t
            where t.organisation_id = ${orgId}::uuid and t.merged_into_id is null and t.converted_at is null
              and t.ends_at > now() and t.ends_at <= now() + make_interval(days => ${EXPIRING_DAYS})) as trial_ends_at,
          (select coalesce(json_agg(json_build_object('kind', d.kind, 'titleDe', d.title_de, 'titleEn', d.title_en)
                                    order by d.kind), '[]'::json)
             from terms_documents d
            where d.is_current
              and not exists (select 1 from terms_acceptances a
                               where a.document_id = d.id and a.organisation_id = ${orgId}::uuid)) as missing_terms`,
  );
  const missing = row?.missing_terms ?? [];
  return {
    trialEndsAt: row?.trial_ends_at ? new Date(row.trial_ends_at) : null,
    missingTerms:
      typeof missing === "string" ? (JSON.parse(missing) as Exclude<typeof missing, string>) : missing,
  };
}

/**
 * Per product of the catalogue, the organisation's active licenses: units owned and units assigned
 * to one of its servers.
 */
export function licenseUnitsByProduct(db: DbOrTx, orgId: string) {
  return sqlRows<{
    key: string;
    name_de: string;
    name_en: string;
    active: boolean;
    mobile_per_unit: number;
    audio_video_per_unit: number;
    units: number;
    assigned: number;
  }>(
    db,
    sql`select p.key, p.name_de, p.name_en, p.active,
               p.mobile_users_per_unit as mobile_per_unit, p.audio_video_users_per_unit as audio_video_per_unit,
               coalesce(sum(l.quantity), 0)::int as units,
               coalesce(sum(l.quantity) filter (where s.id is not null), 0)::int as assigned
          from products p
          left join licenses l on l.product_key = p.key and l.organisation_id = ${orgId}::uuid
                and l.revoked_at is null and l.valid_from <= now()
                and (l.valid_until is null or l.valid_until > now())
          left join servers s on s.id = l.server_id and s.deleted_at is null
         group by p.key
         order by p.sort_order, p.key`,
  );
}
