import type { DbOrTx } from "@/db/client";
import { sha256 } from "@/lib/crypto";
import { boundariesSqlText, licensesVersion } from "@/lib/licenses/licenses-version";
import { rawQuery } from "./raw-query";

export type HeartbeatInput = {
  token: string;
  sequence: number;
  sentAt: string;
  ucserverVersion: string;
  users: { total: number; mobile: number; audioVideo: number };
  pushDevices?: number;
};

export type HeartbeatResult = { receivedAt: Date; licensesVersion: string; termsAccepted: boolean };

// One statement, one round trip. In order: the token must belong to a live session (disabling a
// server or changing its password revokes its sessions in the same transaction); the heartbeat is
// inserted unless (session, sequence) exists, so a replay is a no-op; the server row is locked with
// FOR UPDATE, so its old status is the latest committed one rather than this statement's snapshot
// even when the sweeper changes it concurrently (and a server disabled meanwhile is left alone);
// last seen only moves forward, and the reported figures come from the newest heartbeat by
// (session start, sequence), so a late or reordered one never overwrites newer data; a change to
// online is recorded as an event. The answer's figures come from the updated row, or for a replay
// from the row as it is.
const HEARTBEAT_SQL = `
with s as (
  select id as session_id, server_id, created_at as started_at
    from server_sessions
   where token_hash = $1 and revoked_at is null and expires_at > now()
),
ins as (
  insert into server_heartbeats (server_id, session_id, sequence, sent_at, received_at, clock_skew_ms,
                                 ucserver_version, users_total, users_mobile, users_audio_video, push_devices)
  select s.server_id, s.session_id, $2::bigint, $3::timestamptz, now(),
         greatest(least(extract(epoch from ($3::timestamptz - now())) * 1000, 2147483647), -2147483648)::int,
         $4, $5::int, $6::int, $7::int, $8::int
    from s
  on conflict (session_id, sequence) do nothing
  returning server_id, received_at, clock_skew_ms
),
old as (
  select sv.id, sv.status,
         (sv.last_sequence is null
          or (s.started_at, $2::bigint) > (sv.last_session_started_at, sv.last_sequence)) as newer
    from servers sv join ins on ins.server_id = sv.id cross join s
   where sv.disabled_at is null
     for update of sv
),
upd as (
  update servers sv set
         last_seen_at = greatest(sv.last_seen_at, ins.received_at),
         status = 'online',
         status_changed_at = case when old.status = 'online' then sv.status_changed_at else ins.received_at end,
         last_session_started_at = case when old.newer then s.started_at else sv.last_session_started_at end,
         last_sequence = case when old.newer then $2::bigint else sv.last_sequence end,
         last_sent_at = case when old.newer then $3::timestamptz else sv.last_sent_at end,
         clock_skew_ms = case when old.newer then ins.clock_skew_ms else sv.clock_skew_ms end,
         ucserver_version = case when old.newer then $4 else sv.ucserver_version end,
         users_total = case when old.newer then $5::int else sv.users_total end,
         users_mobile = case when old.newer then $6::int else sv.users_mobile end,
         users_audio_video = case when old.newer then $7::int else sv.users_audio_video end,
         push_devices = case when old.newer then $8::int else sv.push_devices end
    from old, ins, s
   where sv.id = old.id
  returning sv.id, old.status as from_status, ins.received_at,
            sv.licenses_revision, sv.terms_accepted, sv.license_boundaries
),
ev as (
  insert into server_status_events (server_id, from_status, to_status, at, reason)
  select id, from_status, 'online', received_at, 'heartbeat' from upd where from_status <> 'online'
),
cur as (
  select licenses_revision, terms_accepted, license_boundaries, received_at from upd
  union all
  select sv.licenses_revision, sv.terms_accepted, sv.license_boundaries, now()
    from servers sv join s on sv.id = s.server_id
   where not exists (select 1 from upd)
)
select cur.licenses_revision, cur.terms_accepted,
       (extract(epoch from cur.received_at) * 1000)::float8 as received_ms,
       ${boundariesSqlText("cur")} as boundaries
  from cur`;

type Row = { licenses_revision: number; terms_accepted: boolean; received_ms: number; boundaries: number };

/**
 * Records one heartbeat for the session behind `token`. Returns null when the token is not a live
 * session's (the caller answers 401). A replayed sequence returns the same answer and records nothing.
 */
export async function recordHeartbeat(db: DbOrTx, input: HeartbeatInput): Promise<HeartbeatResult | null> {
  const [row] = await rawQuery<Row>(db, "ucserver_heartbeat_v2", HEARTBEAT_SQL, [
    sha256(input.token),
    input.sequence,
    input.sentAt,
    input.ucserverVersion,
    input.users.total,
    input.users.mobile,
    input.users.audioVideo,
    input.pushDevices ?? null,
  ]);
  if (!row) return null;
  return {
    receivedAt: new Date(row.received_ms),
    licensesVersion: licensesVersion(row.licenses_revision, row.boundaries),
    termsAccepted: row.terms_accepted,
  };
}
