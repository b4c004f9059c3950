import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import type { ServerStatus } from "@/db/schema";
import { sqlRows } from "@/db/sql";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import { formatServerCode, normalizeServerCode } from "@/lib/servers/server-id";
import { type ReportedUsers, reportedUsers } from "@/lib/servers/server-live-fields";
import { listSalesPeople } from "./list-sales-people";
import type { TrialOrigin } from "./start-trial";

export const PIPELINE_PAGE_SIZE = 50;
export const pipelineViews = ["open", "ending", "never-connected", "expired", "converted", "all"] as const;
export const pipelineSorts = ["ends", "started", "company", "lastSeen"] as const;
/** Who started a trial: sales, a UCServer by itself, or the customer in the portal. */
export const pipelineOrigins = [
  "sales-trial",
  "ucserver-trial",
  "portal",
] as const satisfies readonly TrialOrigin[];
export type PipelineView = (typeof pipelineViews)[number];

/** The pipeline's URL search params: anything unknown or malformed falls back to the default. */
export const pipelineQuerySchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  view: z.enum(pipelineViews).catch("open").default("open"),
  // "me", "unassigned", or a sales person's id; empty is everyone.
  sales: z
    .union([z.enum(["me", "unassigned"]), z.uuid()])
    .optional()
    .catch(undefined),
  // Empty is every origin.
  origin: z.enum(pipelineOrigins).optional().catch(undefined),
  sort: z.enum(pipelineSorts).catch("ends").default("ends"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type PipelineQueryInput = Partial<Record<keyof z.input<typeof pipelineQuerySchema>, unknown>>;

export type PipelineRow = {
  id: string;
  company: string;
  claimed: boolean;
  origin: TrialOrigin;
  owner: { name: string; email: string } | null;
  contactEmail: string | null;
  salesPerson: { id: string; name: string } | null;
  startsAt: Date;
  endsAt: Date;
  extended: boolean;
  convertedAt: Date | null;
  server: {
    serverId: string;
    name: string;
    status: ServerStatus;
    lastSeenAt: Date | null;
    deleted: boolean;
    users: ReportedUsers;
  } | null;
};

export type PipelinePage = {
  rows: PipelineRow[];
  total: number;
  page: number;
  pageCount: number;
  counts: Record<Exclude<PipelineView, "all">, number>;
  salesPeople: { id: string; name: string }[];
  query: z.output<typeof pipelineQuerySchema>;
};

// Conditions per view; "open" means still to be decided (not converted). Merged trials are never shown.
const viewCondition: Record<PipelineView, SQL> = {
  open: sql`t.converted_at is null`,
  ending: sql`t.converted_at is null and t.ends_at > now() and t.ends_at <= now() + interval '7 days'`,
  "never-connected": sql`t.converted_at is null and s.last_seen_at is null`,
  expired: sql`t.converted_at is null and t.ends_at <= now()`,
  converted: sql`t.converted_at is not null`,
  all: sql`true`,
};

const orderBy: Record<(typeof pipelineSorts)[number], SQL> = {
  ends: sql`t.ends_at asc, t.id`,
  started: sql`t.starts_at desc, t.id`,
  company: sql`lower(coalesce(o.name, s.name)) asc, t.id`,
  lastSeen: sql`s.last_seen_at desc nulls last, t.id`,
};

type Row = {
  id: string;
  company: string | null;
  organisation_id: string | null;
  origin: TrialOrigin;
  owner_name: string | null;
  owner_email: string | null;
  contact_email: string | null;
  sales_user_id: string | null;
  sales_name: string | null;
  starts_at: Date | string;
  ends_at: Date | string;
  extended_at: Date | string | null;
  converted_at: Date | string | null;
  code: string | null;
  server_name: string | null;
  status: ServerStatus | null;
  last_seen_at: Date | string | null;
  deleted_at: Date | string | null;
  usersTotal: number | null;
  usersMobile: number | null;
  usersAudioVideo: number | null;
};

const date = (v: Date | string) => new Date(v);

/**
 * Every trial, started by sales, by a UCServer or in the portal, for the sales pipeline: company,
 * owner, sales person, origin, end, whether its server connected and when it was last seen, users
 * in use. Filtered (view, sales person, origin), searched (company, contact, Server-ID in any
 * spelling), sorted and paged in SQL, with the count of each view in one aggregate. Only sales
 * staff; they see trial facts and the owner's name, never a customer's members, invitations or
 * audit log.
 */
export async function listTrialPipeline(
  db: Db,
  actor: Actor,
  input: PipelineQueryInput,
): Promise<PipelinePage> {
  requirePermission(actor, "trials.manage");
  const query = pipelineQuerySchema.parse(input);
  // A deleted organisation's trial is gone for sales too (its contact data was erased with it).
  const scope: SQL[] = [sql`t.merged_into_id is null`, sql`o.deleted_at is null`];
  if (query.sales === "me") scope.push(sql`t.sales_user_id = ${actor.userId}::uuid`);
  else if (query.sales === "unassigned") scope.push(sql`t.sales_user_id is null`);
  else if (query.sales) scope.push(sql`t.sales_user_id = ${query.sales}::uuid`);
  if (query.origin) scope.push(sql`t.origin = ${query.origin}`);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const code = normalizeServerCode(query.q);
    scope.push(sql`(o.name ilike ${like} or s.name ilike ${like} or t.contact_email ilike ${like}
                    or t.contact_name ilike ${like}${code ? sql` or s.code = ${code}` : sql``})`);
  }
  const where = sql.join(scope, sql` and `);
  const from = sql`trials t left join organisations o on o.id = t.organisation_id
                   left join servers s on s.id = t.server_id`;
  const offset = (query.page - 1) * PIPELINE_PAGE_SIZE;
  const [rows, [counts], salesPeople] = await Promise.all([
    sqlRows<Row>(
      db,
      sql`select t.id, coalesce(o.name, s.name, t.contact_email) as company, t.organisation_id, t.origin,
                 ow.name as owner_name, ow.email as owner_email, t.contact_email,
                 t.sales_user_id, su.name as sales_name, t.starts_at, t.ends_at, t.extended_at, t.converted_at,
                 s.code, s.name as server_name, s.status, s.last_seen_at, s.deleted_at,
                 s.users_total as "usersTotal", s.users_mobile as "usersMobile",
                 s.users_audio_video as "usersAudioVideo"
            from ${from}
            left join users su on su.id = t.sales_user_id
            left join lateral (
              select u.name, u.email from memberships m join users u on u.id = m.user_id
               where m.organisation_id = t.organisation_id and m.role = 'owner'
               order by m.created_at limit 1) ow on true
           where ${where} and ${viewCondition[query.view]}
           order by ${orderBy[query.sort]}
           limit ${PIPELINE_PAGE_SIZE} offset ${offset}`,
    ),
    sqlRows<Record<string, number>>(
      db,
      sql`select count(*) filter (where ${viewCondition.open})::int as open,
                 count(*) filter (where ${viewCondition.ending})::int as ending,
                 count(*) filter (where ${viewCondition["never-connected"]})::int as "never-connected",
                 count(*) filter (where ${viewCondition.expired})::int as expired,
                 count(*) filter (where ${viewCondition.converted})::int as converted,
                 count(*)::int as "all"
            from ${from} where ${where}`,
    ),
    listSalesPeople(db, actor),
  ]);
  const c = counts ?? {};
  const total = c[query.view] ?? 0;
  return {
    rows: rows.map(toRow),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / PIPELINE_PAGE_SIZE)),
    counts: {
      open: c.open ?? 0,
      ending: c.ending ?? 0,
      "never-connected": c["never-connected"] ?? 0,
      expired: c.expired ?? 0,
      converted: c.converted ?? 0,
    },
    salesPeople,
    query,
  };
}

function toRow(r: Row): PipelineRow {
  // Once converted it is a paying customer's server: the pipeline keeps the trial's facts only.
  const showServer = r.code !== null && r.converted_at === null;
  return {
    id: r.id,
    company: r.company ?? "—",
    claimed: r.organisation_id !== null,
    origin: r.origin,
    owner: r.owner_email ? { name: r.owner_name ?? r.owner_email, email: r.owner_email } : null,
    contactEmail: r.contact_email,
    salesPerson: r.sales_user_id ? { id: r.sales_user_id, name: r.sales_name ?? "—" } : null,
    startsAt: date(r.starts_at),
    endsAt: date(r.ends_at),
    extended: r.extended_at !== null,
    convertedAt: r.converted_at ? date(r.converted_at) : null,
    server: showServer
      ? {
          serverId: formatServerCode(r.code!),
          name: r.server_name ?? "",
          status: r.status ?? "never-connected",
          lastSeenAt: r.last_seen_at ? date(r.last_seen_at) : null,
          deleted: r.deleted_at !== null,
          users: reportedUsers(r),
        }
      : null,
  };
}
