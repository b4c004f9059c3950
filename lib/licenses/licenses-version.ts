import { type SQL, sql } from "drizzle-orm";

/**
 * licensesVersion = "<revision>.<boundaries>". The revision is bumped by every write that changes a
 * server's licenses, consent or the terms in force; `boundaries` counts the validity starts and ends
 * already passed, so a license that starts or expires by the clock alone changes the version too,
 * without any job having to run at that moment.
 */
export function licensesVersion(revision: number, boundaries: number): string {
  return `${revision}.${boundaries}`;
}

/** The boundaries count as plain SQL, for the heartbeat statement; `serverIdExpr` names the server. */
export function boundariesSqlText(serverIdExpr: string): string {
  return `(select (count(*) filter (where l.valid_from <= now()) + count(*) filter (where l.valid_until <= now()))::int
     from licenses l where l.server_id = ${serverIdExpr} and l.revoked_at is null)`;
}

export function boundariesSql(serverId: string): SQL<number> {
  return sql<number>`(select (count(*) filter (where l.valid_from <= now()) + count(*) filter (where l.valid_until <= now()))::int
     from licenses l where l.server_id = ${serverId} and l.revoked_at is null)`;
}
