import type { DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";

/** Above this, a server's clock is worth pointing out to its owner (sentAt vs our receive time). */
export const CLOCK_SKEW_WARN_MS = 5 * 60 * 1000;
export const LATE_FACTOR = 1.5;
export const OFFLINE_FACTOR = 3;

// Servers that stayed silent past a threshold change status, and each change is stored as an event
// dated at the threshold itself (last seen + 1.5 or 3 intervals), not at the moment a sweep noticed.
// A server silent past both gets both events. Exactly once, with any number of portal processes
// sweeping: rows are claimed with FOR UPDATE SKIP LOCKED, and a row another sweeper (or a heartbeat)
// changed meanwhile is re-checked against the WHERE clause by PostgreSQL before it is updated.
// Silence counts only from when the portal could receive heartbeats: after an outage of the portal
// (ingest_clock.resumed_at, see ingest-clock.ts) a server seen before it is judged as if seen at
// its end, so the heartbeats that got 503 meanwhile are never held against it.
// The scan is sequential on purpose: see the note on servers' indexes in db/schema/servers.ts.
const SWEEP_SQL = `
with clock as (
  select coalesce((select resumed_at from ingest_clock where id = 1), '-infinity'::timestamptz) as resumed_at
),
cand as (
  select s.id, s.status, greatest(s.last_seen_at, clock.resumed_at) as seen
    from servers s, clock
   where s.status in ('online', 'late')
     and greatest(s.last_seen_at, clock.resumed_at) < now() - make_interval(secs => $1::float8 * ${LATE_FACTOR})
     and (s.status = 'online'
          or greatest(s.last_seen_at, clock.resumed_at) < now() - make_interval(secs => $1::float8 * ${OFFLINE_FACTOR}))
   order by s.last_seen_at
   limit $2
     for update of s skip locked
),
upd as (
  update servers sv
     set status = case when cand.seen < now() - make_interval(secs => $1::float8 * ${OFFLINE_FACTOR})
                       then 'offline'::server_status else 'late'::server_status end,
         status_changed_at = case when cand.seen < now() - make_interval(secs => $1::float8 * ${OFFLINE_FACTOR})
                       then cand.seen + make_interval(secs => $1::float8 * ${OFFLINE_FACTOR})
                       else cand.seen + make_interval(secs => $1::float8 * ${LATE_FACTOR}) end
    from cand
   where sv.id = cand.id
  returning sv.id, cand.status as from_status, sv.status as to_status, cand.seen
),
ev as (
  insert into server_status_events (server_id, from_status, to_status, at, reason)
  select id, 'online'::server_status, 'late'::server_status, seen + make_interval(secs => $1::float8 * ${LATE_FACTOR}), 'silence'
    from upd where from_status = 'online'
  union all
  select id, 'late'::server_status, 'offline'::server_status, seen + make_interval(secs => $1::float8 * ${OFFLINE_FACTOR}), 'silence'
    from upd where to_status = 'offline'
  returning 1
)
select (select count(*) from upd)::int as changed, (select count(*) from ev)::int as events,
       (select extract(epoch from min(greatest(s.last_seen_at, clock.resumed_at) + make_interval(secs => $1::float8 *
                 case when s.status = 'online' then ${LATE_FACTOR} else ${OFFLINE_FACTOR} end)) - now())::float8
          from servers s, clock where s.status in ('online', 'late')) as next_due_seconds`;

export type SweepResult = {
  changed: number;
  events: number;
  /**
   * Seconds until the next threshold of a server that is online or late now (negative when one is
   * already due, null when there is none). A server that comes online later is seen by its
   * heartbeat, so its thresholds lie at least 1.5 intervals ahead: no server can need a change
   * before this, and the sweeper need not look until then.
   */
  nextDueSeconds: number | null;
};

/**
 * One sweep: records late and offline for servers whose heartbeats stopped. Returns the number of
 * servers changed (a full batch means the caller should sweep again at once) and when the next
 * change can be due at the earliest.
 */
export async function sweepStatuses(
  db: DbOrTx,
  opts: { heartbeatSeconds: number; batch?: number },
): Promise<SweepResult> {
  const [row] = await sqlRows<{ changed: number; events: number; next_due_seconds: number | null }>(db, {
    name: "ucserver_status_sweep_v3",
    text: SWEEP_SQL,
    values: [opts.heartbeatSeconds, opts.batch ?? 1000],
  });
  if (!row) return { changed: 0, events: 0, nextDueSeconds: null };
  return { changed: row.changed, events: row.events, nextDueSeconds: row.next_due_seconds };
}
