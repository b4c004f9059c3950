import type { Db } from "@/db/client";
import { rawQuery } from "@/lib/heartbeats/raw-query";

export const UPTIME_WINDOWS = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000 } as const;
export type UptimeWindow = keyof typeof UPTIME_WINDOWS;
/** Share of each window the server was connected (online or late); null before it ever connected. */
export type Uptime = Record<UptimeWindow, number | null>;

// The status in force at the start of the longest window plus every change since make segments
// (status, start, end); each window sums its connected overlap. A window starts no earlier than the
// server was registered, so a new server is not blamed for the time before it existed.
const UPTIME_SQL = `
with ev as (
  select to_status, at, id from server_status_events
   where server_id = $1 and at > $2::timestamptz and at <= $3::timestamptz
  union all
  (select to_status, $2::timestamptz, id from server_status_events
    where server_id = $1 and at <= $2::timestamptz order by at desc, id desc limit 1)
),
seg as (
  select to_status, at as s, coalesce(lead(at) over (order by at, id), $3::timestamptz) as e from ev
),
win as (
  select name, greatest($3::timestamptz - make_interval(secs => ms / 1000.0), $4::timestamptz) as f
    from (values ('24h', $5::float8), ('7d', $6::float8), ('30d', $7::float8)) v(name, ms)
)
select win.name,
       extract(epoch from ($3::timestamptz - win.f)) as span,
       coalesce(sum(extract(epoch from least(seg.e, $3::timestamptz) - greatest(seg.s, win.f)))
         filter (where seg.to_status in ('online', 'late') and seg.e > win.f), 0) as up,
       bool_or(seg.to_status <> 'never-connected' and seg.s < $3::timestamptz) as ever
  from win left join seg on true
 group by win.name, win.f`;

/**
 * Uptime of one server over the last 24 hours, 7 and 30 days, in one query over its status events.
 * No authorization here: callers have found the server within the caller's organisation.
 */
export async function serverUptime(
  db: Db,
  server: { id: string; createdAt: Date },
  now: Date = new Date(),
): Promise<Uptime> {
  const from = new Date(now.getTime() - UPTIME_WINDOWS["30d"]);
  const rows = await rawQuery<{
    name: UptimeWindow;
    span: string | number;
    up: string | number;
    ever: boolean | null;
  }>(db, "server-uptime", UPTIME_SQL, [
    server.id,
    from.toISOString(),
    now.toISOString(),
    server.createdAt.toISOString(),
    UPTIME_WINDOWS["24h"],
    UPTIME_WINDOWS["7d"],
    UPTIME_WINDOWS["30d"],
  ]);
  const out: Uptime = { "24h": null, "7d": null, "30d": null };
  for (const r of rows) {
    const span = Number(r.span);
    out[r.name] = r.ever && span > 0 ? Math.min(1, Math.max(0, Number(r.up) / span)) : null;
  }
  return out;
}
