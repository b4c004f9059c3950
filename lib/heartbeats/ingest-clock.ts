import type { DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";

// Every process's sweeper calls this each tick: while any process reaches the database, alive_at
// stays within a tick or two of now. A gap longer than `gapSeconds` means no process could reach the
// database (or none ran), so no heartbeat could be received either: resumed_at moves to now, and
// silence is judged from then on (see sweep-statuses.ts). The first call ever counts as a resume.
const TICK_SQL = `
insert into ingest_clock as c (id, alive_at, resumed_at) values (1, now(), now())
on conflict (id) do update
   set resumed_at = case when c.alive_at < now() - make_interval(secs => $1::float8) then now() else c.resumed_at end,
       alive_at = greatest(c.alive_at, now())
returning resumed_at, resumed_at = now() as resumed`;

/**
 * Records that this process can receive heartbeats now. `resumed` is true when this call ended an
 * outage: the portal could not receive heartbeats for longer than `gapSeconds` before it.
 */
export async function recordIngestAlive(
  db: DbOrTx,
  opts: { gapSeconds: number },
): Promise<{ resumedAt: Date; resumed: boolean }> {
  const [row] = await sqlRows<{ resumed_at: Date | string; resumed: boolean }>(db, {
    name: "ingest_clock_tick",
    text: TICK_SQL,
    values: [opts.gapSeconds],
  });
  return { resumedAt: new Date(row!.resumed_at), resumed: row!.resumed };
}
