import type { DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";
import { sha256 } from "@/lib/crypto";
import { boundariesSqlText, licensesVersion } from "@/lib/licenses/licenses-version";

export type HeartbeatInput = {
  token: string;
  sequence: number;
  sentAt: string;
  ucserverVersion: string;
  users: { total: number; mobile: number; audioVideo: number };
  pushDevices?: number;
};

export type HeartbeatResult = { receivedAt: Date; licensesVersion: string; termsAccepted: boolean };

/**
 * What became of one heartbeat of a batch: recorded (or a replay) with its answer; `null` when the
 * token is not a live session's; "retry" when its server row was locked by another transaction
 * and the batch skipped it rather than wait (only with `skipLocked`).
 */
export type HeartbeatOutcome = HeartbeatResult | null | "retry";

// Any number of heartbeats in one statement, one round trip and one commit. Per heartbeat, in
// input order (`ord`): the token must belong to a live session (disabling a server or changing its
// password revokes its sessions in the same transaction). The servers concerned are locked first,
// in id order, with FOR UPDATE, so their old status is the latest committed one rather than this
// statement's snapshot even when the sweeper changes it concurrently. A heartbeat is inserted only
// once its server is locked, unless (session, sequence) exists already or earlier in the batch, so a
// replay is a no-op. Per server, once however many heartbeats it has in the batch: last seen only
// moves forward; the reported figures come from the newest inserted heartbeat by (session start,
// sequence) and only if it is newer than what the row has, so a late or reordered one never
// overwrites newer data; a change to online is recorded as one event; a disabled server is left
// alone. Every heartbeat is answered from its server's locked row.
//
// With SKIP LOCKED (what group commit uses) the statement never waits for a row lock, so it can
// never be part of a deadlock however the rows of a batch and of another multi-row writer
// (publishing terms, say) interleave; nor for another's uncommitted insert of the same (session,
// sequence), as that writer holds the server's lock. A heartbeat whose server was skipped is not
// inserted and comes back as "retry", for the caller to write on its own with the waiting variant.
function heartbeatSql(skipLocked: boolean): string {
  return `
with input as materialized (
  select * from unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::int[], $6::int[], $7::int[], $8::int[])
    with ordinality as i(token_hash, sequence, sent_at, ucserver_version, users_total, users_mobile,
                         users_audio_video, push_devices, ord)
),
s as materialized (
  select i.ord, i.sequence, i.sent_at::timestamptz as sent_at, i.ucserver_version, i.users_total,
         i.users_mobile, i.users_audio_video, i.push_devices,
         ss.id as session_id, ss.server_id, ss.created_at as started_at,
         row_number() over (partition by ss.id, i.sequence order by i.ord) as nth
    from input i
    join server_sessions ss on ss.token_hash = i.token_hash
   where ss.revoked_at is null and ss.expires_at > now()
),
locked as materialized (
  select sv.id, sv.status, sv.disabled_at, sv.last_session_started_at, sv.last_sequence,
         sv.licenses_revision, sv.terms_accepted, ${boundariesSqlText("sv")} as boundaries
    from servers sv
   where sv.id in (select server_id from s)
   order by sv.id
     for update of sv${skipLocked ? " skip locked" : ""}
),
ins as (
  insert into server_heartbeats (server_id, session_id, sequence, sent_at, received_at, clock_skew_ms,
                                 ucserver_version, users_total, users_mobile, users_audio_video, push_devices)
  select s.server_id, s.session_id, s.sequence, s.sent_at, now(),
         greatest(least(extract(epoch from (s.sent_at - now())) * 1000, 2147483647), -2147483648)::int,
         s.ucserver_version, s.users_total, s.users_mobile, s.users_audio_video, s.push_devices
    from s
   where s.nth = 1 and s.server_id in (select id from locked)
   order by s.ord
  on conflict (session_id, sequence) do nothing
  returning server_id, session_id, sequence, sent_at, received_at, clock_skew_ms,
            ucserver_version, users_total, users_mobile, users_audio_video, push_devices
),
newest as materialized (
  select distinct on (ins.server_id) ins.*, ses.started_at
    from ins
    join (select distinct session_id, started_at from s) ses on ses.session_id = ins.session_id
   order by ins.server_id, ses.started_at desc, ins.sequence desc
),
old as (
  select l.id, l.status, n.*,
         (l.last_sequence is null
          or (n.started_at, n.sequence) > (l.last_session_started_at, l.last_sequence)) as newer
    from locked l join newest n on n.server_id = l.id
   where l.disabled_at is null
),
upd as (
  update servers sv set
         last_seen_at = greatest(sv.last_seen_at, old.received_at),
         status = 'online',
         status_changed_at = case when old.status = 'online' then sv.status_changed_at else old.received_at end,
         last_session_started_at = case when old.newer then old.started_at else sv.last_session_started_at end,
         last_sequence = case when old.newer then old.sequence else sv.last_sequence end,
         last_sent_at = case when old.newer then old.sent_at else sv.last_sent_at end,
         clock_skew_ms = case when old.newer then old.clock_skew_ms else sv.clock_skew_ms end,
         ucserver_version = case when old.newer then old.ucserver_version else sv.ucserver_version end,
         users_total = case when old.newer then old.users_total else sv.users_total end,
         users_mobile = case when old.newer then old.users_mobile else sv.users_mobile end,
         users_audio_video = case when old.newer then old.users_audio_video else sv.users_audio_video end,
         push_devices = case when old.newer then old.push_devices else sv.push_devices end
    from old
   where sv.id = old.id
  returning sv.id, old.status as from_status, old.received_at
),
ev as (
  insert into server_status_events (server_id, from_status, to_status, at, reason)
  select id, from_status, 'online', received_at, 'heartbeat' from upd where from_status <> 'online'
)
select s.ord::int as ord, l.id is not null as locked, l.licenses_revision, l.terms_accepted, l.boundaries,
       (extract(epoch from now()) * 1000)::float8 as received_ms
  from s left join locked l on l.id = s.server_id`;
}

const WAITING_SQL = heartbeatSql(false);
const SKIP_LOCKED_SQL = heartbeatSql(true);

type Row = {
  ord: number;
  locked: boolean;
  licenses_revision: number;
  terms_accepted: boolean;
  boundaries: number;
  received_ms: number;
};

/**
 * Writes heartbeats in one statement and returns one outcome per input, in input order. Without
 * `skipLocked` it waits for row locks like any single-row writer: use it for one heartbeat only.
 */
export async function writeHeartbeats(
  db: DbOrTx,
  inputs: readonly HeartbeatInput[],
  opts: { skipLocked: boolean },
): Promise<HeartbeatOutcome[]> {
  const rows = await sqlRows<Row>(db, {
    name: opts.skipLocked ? "ucserver_heartbeats_batch_v1" : "ucserver_heartbeats_one_v1",
    text: opts.skipLocked ? SKIP_LOCKED_SQL : WAITING_SQL,
    values: [
      inputs.map((i) => sha256(i.token)),
      inputs.map((i) => i.sequence),
      inputs.map((i) => i.sentAt),
      inputs.map((i) => i.ucserverVersion),
      inputs.map((i) => i.users.total),
      inputs.map((i) => i.users.mobile),
      inputs.map((i) => i.users.audioVideo),
      inputs.map((i) => i.pushDevices ?? null),
    ],
  });
  // No row: the token is not a live session's. A live session whose server row was not locked was
  // skipped (SKIP LOCKED) or, when waiting, vanished; the latter cannot happen as servers are never
  // deleted, only marked so.
  const out: HeartbeatOutcome[] = inputs.map(() => null);
  for (const row of rows) {
    out[row.ord - 1] = row.locked
      ? {
          receivedAt: new Date(row.received_ms),
          licensesVersion: licensesVersion(row.licenses_revision, row.boundaries),
          termsAccepted: row.terms_accepted,
        }
      : opts.skipLocked
        ? "retry"
        : null;
  }
  return out;
}
