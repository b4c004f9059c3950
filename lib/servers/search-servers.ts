import { and, asc, eq, ilike, isNull, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { licenses, products, serverStatusEnum, servers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import type { ServerMode } from "@/lib/licenses/server-licenses";
import { requirePermission } from "@/lib/permissions";
import { type ServerView, serverViewColumns, toServerView } from "./server-view";

export const SERVERS_PAGE_SIZE = 50;
export const serverModes = ["trial", "licensed", "unlicensed"] as const;
export const serverSorts = ["name", "status", "lastSeen"] as const;

/** The list's URL search params: anything unknown or malformed falls back to the default. */
export const searchServersSchema = z.object({
  q: z.string().trim().max(200).catch("").default(""),
  status: z.enum(serverStatusEnum.enumValues).optional().catch(undefined),
  mode: z.enum(serverModes).optional().catch(undefined),
  sort: z.enum(serverSorts).catch("name").default("name"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
// Straight from the URL: any value, parsed (and defaulted) inside.
export type SearchServersInput = Partial<Record<"q" | "status" | "mode" | "sort" | "page", unknown>>;

export type ServerRow = ServerView & {
  mode: ServerMode;
  entitled: { mobile: number; audioVideo: number };
};

export type ServerPage = {
  rows: ServerRow[];
  total: number;
  page: number;
  pageCount: number;
  query: z.output<typeof searchServersSchema>;
};

// Worst first: what needs attention sorts to the top.
const STATUS_RANK = sql`case ${servers.status} when 'offline' then 0 when 'late' then 1 when 'online' then 2 else 3 end`;

/**
 * One page of the organisation's servers (deleted ones never) with mode and entitlements, searched
 * by name or Server-ID in any spelling, filtered by status and mode, sorted. One query for the page
 * and one count; the entitlements come from one aggregate over the organisation's active licenses.
 * Any member may look.
 */
export async function searchServers(db: Db, actor: Actor, input: SearchServersInput): Promise<ServerPage> {
  const org = requirePermission(actor, "servers.view");
  const query = searchServersSchema.parse(input);

  const ent = db
    .select({
      serverId: licenses.serverId,
      mobile: sql<number>`sum(${licenses.quantity} * ${products.mobileUsersPerUnit})::int`.as("mobile"),
      audioVideo: sql<number>`sum(${licenses.quantity} * ${products.audioVideoUsersPerUnit})::int`.as("av"),
      paid: sql<boolean>`bool_or(not ${licenses.trial})`.as("paid"),
      trial: sql<boolean>`bool_or(${licenses.trial})`.as("trial"),
    })
    .from(licenses)
    .innerJoin(products, eq(products.key, licenses.productKey))
    .where(
      and(
        eq(licenses.organisationId, org.id),
        isNull(licenses.revokedAt),
        sql`${licenses.validFrom} <= now() and (${licenses.validUntil} is null or ${licenses.validUntil} > now())`,
      ),
    )
    .groupBy(licenses.serverId)
    .as("ent");
  const mode = sql<ServerMode>`case when ${ent.paid} then 'licensed' when ${ent.trial} then 'trial' else 'unlicensed' end`;

  const filters: (SQL | undefined)[] = [eq(servers.organisationId, org.id), isNull(servers.deletedAt)];
  if (query.q) {
    const compact = query.q.toUpperCase().replace(/[\s\-_.]/g, "");
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(
      compact && /^[0-9A-Z]+$/.test(compact)
        ? or(ilike(servers.name, like), sql`${servers.code} like ${`%${compact}%`}`)
        : ilike(servers.name, like),
    );
  }
  if (query.status) filters.push(eq(servers.status, query.status));
  if (query.mode) filters.push(sql`${mode} = ${query.mode}`);
  const where = and(...filters);

  const order =
    query.sort === "status"
      ? [asc(STATUS_RANK), asc(servers.name), asc(servers.id)]
      : query.sort === "lastSeen"
        ? [sql`${servers.lastSeenAt} desc nulls last`, asc(servers.name), asc(servers.id)]
        : [asc(servers.name), asc(servers.id)];

  const countQuery = db.select({ n: sql<number>`count(*)::int` }).from(servers);
  const [rows, [count]] = await Promise.all([
    db
      .select({ ...serverViewColumns, mode, entMobile: ent.mobile, entAudioVideo: ent.audioVideo })
      .from(servers)
      .leftJoin(ent, eq(ent.serverId, servers.id))
      .where(where)
      .orderBy(...order)
      .limit(SERVERS_PAGE_SIZE)
      .offset((query.page - 1) * SERVERS_PAGE_SIZE),
    // The mode filter needs the aggregate; without it the count reads the servers index alone.
    query.mode
      ? countQuery.leftJoin(ent, eq(ent.serverId, servers.id)).where(where)
      : countQuery.where(where),
  ]);
  const total = count?.n ?? 0;
  return {
    rows: rows.map(({ mode, entMobile, entAudioVideo, ...s }) => ({
      ...toServerView(s),
      mode,
      entitled: { mobile: entMobile ?? 0, audioVideo: entAudioVideo ?? 0 },
    })),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / SERVERS_PAGE_SIZE)),
    query,
  };
}
