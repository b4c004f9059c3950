import type { Db } from "@/db/client";
import { sqlRows } from "@/db/sql";

export const UPTIME_WINDOWS = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type UptimeWindow = keyof typeof UPTIME_WINDOWS;
/** Share of each window the server was connected (online or late); null before it ever connected. */
export type Uptime = Record<UptimeWindow, number | null>;

// The status in force at the start of the longest window plus every change since make segments
// (status, start, end). `counted` holds the stretches of each window that count: only the time since
// the server first connected, since before that nobody could expect it to be up (a trial server is
// registered, then installed and claimed minutes or days later). A window with no counted stretch
// gets no row and so no figure. Both sums run over `counted`, so time to leave out (maintenance)
// only has to cut its pieces out of `counted`.
const UPTIME_SQL = `
with first_connected as (
  select at from server_status_events
   where server_id = $1 and to_status <> 'never-connected'
   order by at, id limit 1
),
ev as (
  select to_status, at, id from server_status_events
   where server_id = $1 and at > $2::timestamptz and at <= $3::timestamptz
  union all
  (select to_status, $2::timestamptz, id from server_status_events
    where server_id = $1 and at <= $2::timestamptz order by at desc, id desc limit 1)
),
seg as (
  select to_status, at as s, coalesce(lead(at) over (order by at, id), $3::timestamptz) as e from ev
),
counted as (
  select v.name, greatest($3::timestamptz - make_interval(secs => v.ms / 1000.0), fc.at) as lo,
         $3::timestamptz as hi
    from (values ('24h', $4::float8), ('7d', $5::float8), ('30d', $6::float8)) v(name, ms)
   cross join first_connected fc
   where fc.at < $3::timestamptz
)
select c.name,
       sum(extract(epoch from c.hi - c.lo)) as span,
       sum(u.up) as up
  from counted c
 cross join lateral (
   select coalesce(sum(extract(epoch from least(seg.e, c.hi) - greatest(seg.s, c.lo))), 0) as up
     from seg
    where seg.to_status in ('online', 'late') and seg.s < c.hi and seg.e > c.lo
 ) u
 group by c.name`;

/**
 * Uptime of one server over the last 24 hours, 7 and 30 days, counted from its first connection, in
 * one query over its status events. No authorization here: callers have found the server within the
 * caller's organisation.
 */
export async function serverUptime(db: Db, server: { id: string }, now: Date = new Date()): Promise<Uptime> {
  const from = new Date(now.getTime() - UPTIME_WINDOWS["30d"]);
  const rows = await sqlRows<{ name: UptimeWindow; span: string | number; up: string | number }>(db, {
    name: "server-uptime",
    text: UPTIME_SQL,
    values: [
      server.id,
      from.toISOString(),
      now.toISOString(),
      UPTIME_WINDOWS["24h"],
      UPTIME_WINDOWS["7d"],
      UPTIME_WINDOWS["30d"],
    ],
  });
  const out: Uptime = { "24h": null, "7d": null, "30d": null };
  for (const r of rows) {
    const span = Number(r.span);
    out[r.name] = span > 0 ? Math.min(1, Math.max(0, Number(r.up) / span)) : null;
  }
  return out;
}
