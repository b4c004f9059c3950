import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { ServerStatus } from "@/db/schema";
import { sqlRows } from "@/db/sql";
import { formatServerCode } from "@/lib/servers/server-id";

export type StatusChange = {
  id: number;
  /** `id` for the server's page, `serverId` as customers know it. */
  server: { id: string; serverId: string; name: string };
  from: ServerStatus;
  to: ServerStatus;
  at: Date;
};

type Row = { bound: Date | string | null; events: RawEvent[] | string | null };
type RawEvent = {
  id: number | string;
  server_id: string;
  code: string;
  name: string;
  from_status: ServerStatus;
  to_status: ServerStatus;
  at: string;
};

/**
 * The organisation's newest status changes, newest first, without reading every server's history.
 * A server's `status_changed_at` is never older than its newest event (every writer sets both in
 * one statement, or only moves the column forward), so the newest events are among those of the
 * servers that changed last: take the `candidates` servers with the latest change, their newest
 * events each, and accept the result once its oldest entry is at least as new as the next server's
 * last change. Servers that changed without an event (a new one) only take a place; should the
 * result fall short, it is asked again with more candidates.
 */
export async function recentStatusChanges(db: DbOrTx, orgId: string, limit: number): Promise<StatusChange[]> {
  for (let candidates = Math.max(limit * 5, 50); ; candidates *= 20) {
    const [row] = await sqlRows<Row>(
      db,
      sql`with cand as (
            select top.*, row_number() over (order by top.status_changed_at desc, top.id) as n
              from (select s.id, s.code, s.name, s.status_changed_at
                      from servers s
                     where s.organisation_id = ${orgId}::uuid and s.deleted_at is null
                     order by s.status_changed_at desc, s.id
                     limit ${candidates + 1}) top
          ),
          ev as (
            select e.id, c.id as server_id, c.code, c.name, e.from_status, e.to_status, e.at
              from cand c
              cross join lateral (
                select ev.id, ev.from_status, ev.to_status, ev.at from server_status_events ev
                 where ev.server_id = c.id
                 order by ev.at desc, ev.id desc
                 limit ${limit}) e
             where c.n <= ${candidates}
             order by e.at desc, e.id desc
             limit ${limit}
          )
          select (select status_changed_at from cand where n = ${candidates + 1}) as bound,
                 (select json_agg(ev order by ev.at desc, ev.id desc) from ev) as events`,
    );
    const raw = row?.events ?? [];
    const events = (typeof raw === "string" ? (JSON.parse(raw) as RawEvent[]) : raw).map(
      (e): StatusChange => ({
        id: Number(e.id),
        server: { id: e.server_id, serverId: formatServerCode(e.code), name: e.name },
        from: e.from_status,
        to: e.to_status,
        at: new Date(e.at),
      }),
    );
    const bound = row?.bound ? new Date(row.bound) : null;
    const oldest = events[limit - 1];
    if (!bound || (oldest && oldest.at.getTime() >= bound.getTime())) return events;
  }
}
