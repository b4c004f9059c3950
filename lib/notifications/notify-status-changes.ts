import { sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { formatServerCode } from "@/lib/servers/server-id";
import { ownerRecipients } from "./owner-recipients";

/** At most one "offline" mail per server in this window; changes inside it stay quiet. */
export const FLAP_WINDOW_MINUTES = 15;
const MAILED = "server-status-mail";
/**
 * Changes older than this are old news (a backlog after downtime, or history from before the
 * worker existed): marked as handled, never mailed, so a restart cannot cause a storm.
 */
export const STALE_AFTER_MINUTES = 60;

type EventRow = {
  id: string;
  server_id: string;
  to_status: string;
  at: Date | string;
  organisation_id: string | null;
  organisation_name: string | null;
  server_name: string;
  code: string;
  deleted_at: Date | string | null;
};

export type NotifyStatusOptions = { appUrl: string; batch?: number };

/**
 * Works off unannounced status changes: an `offline` tells the owners who want it, and the
 * `online` after an announced `offline` tells them it is back. Everything else (late, never-
 * connected, flapping inside the window, deleted or unclaimed servers) is only marked as handled.
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so several portal processes never send twice.
 */
export async function notifyStatusChanges(
  db: Db,
  opts: NotifyStatusOptions,
): Promise<{ processed: number; mailed: number }> {
  return db.transaction(async (tx) => {
    const locked = await sqlRows<EventRow>(
      tx,
      sql`
      select e.id::text as id, e.server_id, e.to_status, e.at, s.organisation_id, o.name as organisation_name,
             s.name as server_name, s.code, s.deleted_at
        from server_status_events e
        join servers s on s.id = e.server_id
        left join organisations o on o.id = s.organisation_id
       where e.notified_at is null
       order by e.id
       limit ${opts.batch ?? 200}
         for update of e skip locked`,
    );
    const rows = locked;
    if (rows.length === 0) return { processed: 0, mailed: 0 };
    // Another process may hold an earlier change of the same server; deciding "back online" before
    // it has decided "offline" would be wrong, so those servers wait for the next round.
    const mine = new Map<string, bigint>();
    for (const r of rows) if (!mine.has(r.server_id)) mine.set(r.server_id, BigInt(r.id));
    const oldest = await sqlRows<{ server_id: string; first: string }>(
      tx,
      sql`
      select server_id, min(id)::text as first from server_status_events
       where notified_at is null
         and server_id in (${sql.join(
           [...mine.keys()].map((id) => sql`${id}::uuid`),
           sql`, `,
         )})
       group by server_id`,
    );
    const deferred = new Set(
      oldest.filter((o) => BigInt(o.first) < (mine.get(o.server_id) ?? 0n)).map((o) => o.server_id),
    );
    let mailed = 0;
    const done: string[] = [];
    for (const e of rows) {
      if (deferred.has(e.server_id)) continue;
      done.push(e.id);
      if (!e.organisation_id || e.deleted_at) continue;
      if (e.to_status !== "offline" && e.to_status !== "online") continue;
      if (Date.now() - new Date(e.at).getTime() > STALE_AFTER_MINUTES * 60_000) continue;
      const send =
        e.to_status === "offline" ? await offlineIsNews(tx, e) : await onlineFollowsAnnounced(tx, e);
      if (!send) continue;
      await tx.execute(sql`insert into reminders_sent (subject_type, subject_id, kind)
        values (${MAILED}, ${e.server_id}::uuid, ${e.id}) on conflict do nothing`);
      for (const r of await ownerRecipients(tx, e.organisation_id, "serverStatus")) {
        await enqueueMail(tx, {
          template: "server-status",
          to: r.email,
          toName: r.name,
          locale: r.locale,
          organisationId: e.organisation_id,
          props: {
            organisationName: e.organisation_name ?? "",
            serverName: e.server_name,
            serverId: formatServerCode(e.code),
            status: e.to_status,
            at: new Date(e.at).toISOString(),
            url: `${opts.appUrl}/servers/${e.server_id}`,
          },
        });
        mailed++;
      }
    }
    if (done.length > 0) {
      await tx.execute(sql`update server_status_events set notified_at = now()
        where id::text in (${sql.join(
          done.map((id) => sql`${id}`),
          sql`, `,
        )})`);
    }
    return { processed: done.length, mailed };
  });
}

/** No "offline" of this server was announced in the window before this one. */
async function offlineIsNews(tx: DbOrTx, e: EventRow): Promise<boolean> {
  const r = await sqlRows<unknown>(
    tx,
    sql`
    select 1 from reminders_sent r
      join server_status_events p on p.id::text = r.kind
     where r.subject_type = ${MAILED} and r.subject_id = ${e.server_id}::uuid
       and p.to_status = 'offline'
       and p.at > ${new Date(e.at).toISOString()}::timestamptz - make_interval(mins => ${FLAP_WINDOW_MINUTES})
     limit 1`,
  );
  return r.length === 0;
}

/** The latest "offline" before this change was announced, and no "online" came between. */
async function onlineFollowsAnnounced(tx: DbOrTx, e: EventRow): Promise<boolean> {
  const r = await sqlRows<{ announced: boolean }>(
    tx,
    sql`
    with last_offline as (
      select id from server_status_events
       where server_id = ${e.server_id}::uuid and to_status = 'offline' and id < ${e.id}::bigint
       order by id desc limit 1)
    select exists (select 1 from reminders_sent r, last_offline l
                    where r.subject_type = ${MAILED} and r.subject_id = ${e.server_id}::uuid
                      and r.kind = l.id::text)
       and not exists (select 1 from server_status_events x, last_offline l
                        where x.server_id = ${e.server_id}::uuid and x.to_status = 'online'
                          and x.id > l.id and x.id < ${e.id}::bigint) as announced`,
  );
  return r[0]?.announced === true;
}
