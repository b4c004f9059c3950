import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type ServerStatus, servers } from "@/db/schema";
import { sqlRows } from "@/db/sql";
import type { Actor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { notFound } from "@/lib/errors";
import { loadServerLicenses, type ServerLicenses } from "@/lib/licenses/server-licenses";
import { requirePermission } from "@/lib/permissions";
import { formatServerCode } from "@/lib/servers/server-id";
import { type ReportedUsers, reportedUsers } from "@/lib/servers/server-live-fields";
import { isUuid } from "@/lib/validation";
import type { TrialOrigin } from "./start-trial";
import { type TrialState, trialState } from "./trial-state";

export type TrialDetail = {
  id: string;
  company: string;
  claimed: boolean;
  origin: TrialOrigin;
  contactName: string | null;
  contactEmail: string | null;
  salesPerson: { id: string; name: string } | null;
  startedBy: string | null;
  startsAt: Date;
  endsAt: Date;
  extension: { at: Date; by: string | null; days: number; reason: string } | null;
  converted: { at: Date; by: string | null } | null;
  state: TrialState;
  /** Self-started trials of other servers that were merged into this one when claimed. */
  mergedCount: number;
  owner: { name: string; email: string } | null;
  /** The owner invitation sent to the contact, while nobody has joined. */
  ownerInvitation: { email: string; expiresAt: Date; expired: boolean } | null;
  server: {
    serverId: string;
    name: string;
    status: ServerStatus;
    lastSeenAt: Date | null;
    ucserverVersion: string | null;
    users: ReportedUsers;
    termsAccepted: boolean;
    deleted: boolean;
    licenses: ServerLicenses;
  } | null;
  history: { at: Date; action: string; actor: string; details: Record<string, unknown> }[];
  extensionDays: number;
};

type Row = {
  id: string;
  company: string | null;
  organisation_id: string | null;
  origin: TrialOrigin;
  contact_name: string | null;
  contact_email: string | null;
  sales_user_id: string | null;
  sales_name: string | null;
  started_by: string | null;
  starts_at: string | Date;
  ends_at: string | Date;
  extended_at: string | Date | null;
  extended_by: string | null;
  extension_days: number | null;
  extension_reason: string | null;
  converted_at: string | Date | null;
  converted_by: string | null;
  merged_count: number;
  server_id: string | null;
};

const date = (v: string | Date) => new Date(v);

/**
 * One trial for its sales page: the trial's facts and decisions, the owner (or the invitation still
 * open), its server's connection and licenses as the UCServer sees them, and the trial's own
 * history. Once converted the server is a paying customer's and is no longer shown. Sales only.
 */
export async function getTrial(db: Db, actor: Actor, trialId: string): Promise<TrialDetail> {
  requirePermission(actor, "trials.manage");
  if (!isUuid(trialId)) throw notFound("Trial not found");
  const [t] = await sqlRows<Row>(
    db,
    sql`select t.id, coalesce(o.name, s.name, t.contact_email) as company, t.organisation_id, t.origin,
               t.contact_name, t.contact_email, t.sales_user_id, su.name as sales_name, sb.name as started_by,
               t.starts_at, t.ends_at, t.extended_at, eb.name as extended_by, t.extension_days, t.extension_reason,
               t.converted_at, cb.name as converted_by, t.server_id,
               (select count(*)::int from trials m where m.merged_into_id = t.id) as merged_count
          from trials t
          left join organisations o on o.id = t.organisation_id
          left join servers s on s.id = t.server_id
          left join users su on su.id = t.sales_user_id
          left join users sb on sb.id = t.started_by_user_id
          left join users eb on eb.id = t.extended_by_user_id
          left join users cb on cb.id = t.converted_by_user_id
         where t.id = ${trialId}::uuid and t.merged_into_id is null and o.deleted_at is null`,
  );
  if (!t) throw notFound("Trial not found");
  const [owner, invitation, server, history] = await Promise.all([
    t.organisation_id ? firstOwner(db, t.organisation_id) : null,
    t.organisation_id && t.contact_email ? ownerInvitation(db, t.organisation_id, t.contact_email) : null,
    t.server_id && !t.converted_at ? trialServer(db, t.server_id) : null,
    sqlRows<{
      created_at: string | Date;
      action: string;
      actor_label: string;
      details: Record<string, unknown>;
    }>(
      db,
      // People by their name while the account exists; the recorded label otherwise.
      sql`select a.created_at, a.action, coalesce(u.name, a.actor_label) as actor_label, a.details
            from audit_events a left join users u on u.id = a.actor_user_id
           where a.target_type = 'trial' and a.target_id = ${t.id} order by a.created_at, a.id`,
    ),
  ]);
  return {
    id: t.id,
    company: t.company ?? "—",
    claimed: t.organisation_id !== null,
    origin: t.origin,
    contactName: t.contact_name,
    contactEmail: t.contact_email,
    salesPerson: t.sales_user_id ? { id: t.sales_user_id, name: t.sales_name ?? "—" } : null,
    startedBy: t.started_by,
    startsAt: date(t.starts_at),
    endsAt: date(t.ends_at),
    extension:
      t.extended_at && t.extension_days && t.extension_reason
        ? { at: date(t.extended_at), by: t.extended_by, days: t.extension_days, reason: t.extension_reason }
        : null,
    converted: t.converted_at ? { at: date(t.converted_at), by: t.converted_by } : null,
    state: trialState(
      { endsAt: date(t.ends_at), convertedAt: t.converted_at ? date(t.converted_at) : null },
      new Date(),
    ),
    mergedCount: t.merged_count,
    owner,
    ownerInvitation: owner ? null : invitation,
    server,
    history: history.map((h) => ({
      at: date(h.created_at),
      action: h.action,
      actor: h.actor_label,
      details: h.details,
    })),
    extensionDays: env().TRIAL_EXTENSION_DAYS,
  };
}

async function firstOwner(db: Db, organisationId: string) {
  const [o] = await sqlRows<{ name: string; email: string }>(
    db,
    sql`select u.name, u.email from memberships m join users u on u.id = m.user_id
         where m.organisation_id = ${organisationId}::uuid and m.role = 'owner'
         order by m.created_at limit 1`,
  );
  return o ?? null;
}

// Only the owner invitation to the trial's own contact: never the organisation's other invitations.
async function ownerInvitation(db: Db, organisationId: string, email: string) {
  const [i] = await sqlRows<{ email: string; expires_at: string | Date }>(
    db,
    sql`select email, expires_at from member_invitations
         where organisation_id = ${organisationId}::uuid and role = 'owner' and email = ${email}
           and accepted_at is null and revoked_at is null
         order by created_at desc limit 1`,
  );
  if (!i) return null;
  const expiresAt = date(i.expires_at);
  return { email: i.email, expiresAt, expired: expiresAt <= new Date() };
}

async function trialServer(db: Db, serverId: string): Promise<TrialDetail["server"]> {
  const [s] = await db.select().from(servers).where(eq(servers.id, serverId));
  if (!s) return null;
  return {
    serverId: formatServerCode(s.code),
    name: s.name,
    status: s.status,
    lastSeenAt: s.lastSeenAt,
    ucserverVersion: s.ucserverVersion,
    users: reportedUsers(s),
    termsAccepted: s.termsAccepted,
    deleted: s.deletedAt !== null,
    licenses: await loadServerLicenses(db, serverId),
  };
}
