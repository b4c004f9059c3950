import { type SQL, sql } from "drizzle-orm";

/**
 * licensesVersion = "<revision>.<boundaries passed>". The revision is bumped by every write that
 * changes a server's licenses, consent or the terms in force; the second part counts the license
 * validity starts and ends already behind us, so a license that starts or expires by the clock
 * alone changes the version too, without any job having to run at that moment.
 */
export function licensesVersion(revision: number, boundaries: number): string {
  return `${revision}.${boundaries}`;
}

/** The boundaries passed, as SQL over a servers row alias (for hand-written statements). */
export function boundariesSqlText(serverAlias: string): string {
  return `(select count(*)::int from unnest(${serverAlias}.license_boundaries) as b where b <= now())`;
}

export function boundariesSql(): SQL<number> {
  return sql<number>`(select count(*)::int from unnest(servers.license_boundaries) as b where b <= now())`;
}
