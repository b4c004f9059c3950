import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/**
 * Sets a connected (online or late) server offline now and records the change, in one statement so
 * that it happens once even when the sweeper or another request acts on the same server.
 * A server that never sent a heartbeat stays never-connected.
 */
export async function markServerOffline(db: DbOrTx, serverId: string, reason: string): Promise<void> {
  await db.execute(sql`
    with old as (
      select id, status from servers
       where id = ${serverId} and status in ('online', 'late')
       for update
    ),
    upd as (
      update servers s set status = 'offline', status_changed_at = now()
        from old where s.id = old.id
      returning s.id, old.status as from_status
    )
    insert into server_status_events (server_id, from_status, to_status, at, reason)
    select id, from_status, 'offline', now(), ${reason} from upd`);
}
