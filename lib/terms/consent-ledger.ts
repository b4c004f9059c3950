import { and, desc, eq, isNotNull, or, type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { servers, type TermsKind, termsAcceptances } from "@/db/schema";
import { formatServerCode } from "@/lib/servers/server-id";

export type ConsentRow = {
  id: string;
  kind: TermsKind;
  version: string;
  acceptedBy: string;
  acceptedAt: Date;
  ip: string | null;
  source: "portal" | "ucserver";
  /** Set when the consent covers one server (given by that UCServer). */
  server: { id: string; name: string; serverId: string } | null;
};

/**
 * The organisation's consents: those given in the portal for the whole organisation, and those its
 * own UCServers gave (including before they were claimed). The organisation is in the WHERE
 * clause of every query built here.
 */
export function consentScope(organisationId: string): SQL {
  return or(
    eq(termsAcceptances.organisationId, organisationId),
    and(isNotNull(termsAcceptances.serverId), eq(servers.organisationId, organisationId)),
  )!;
}

/** One page of the ledger, newest first, and the total count. */
export async function readConsentLedger(
  db: DbOrTx,
  organisationId: string,
  page: { limit: number; offset: number },
): Promise<{ rows: ConsentRow[]; total: number }> {
  const where = consentScope(organisationId);
  const rows = await db
    .select({
      a: termsAcceptances,
      serverName: servers.name,
      serverCode: servers.code,
    })
    .from(termsAcceptances)
    .leftJoin(servers, eq(servers.id, termsAcceptances.serverId))
    .where(where)
    .orderBy(desc(termsAcceptances.acceptedAt), desc(termsAcceptances.id))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(termsAcceptances)
    .leftJoin(servers, eq(servers.id, termsAcceptances.serverId))
    .where(where);
  return {
    total: count?.n ?? 0,
    rows: rows.map(({ a, serverName, serverCode }) => ({
      id: a.id,
      kind: a.kind,
      version: a.version,
      acceptedBy: a.acceptedBy,
      acceptedAt: a.acceptedAt,
      ip: a.ip,
      source: a.source,
      server:
        a.serverId && serverCode
          ? { id: a.serverId, name: serverName ?? "", serverId: formatServerCode(serverCode) }
          : null,
    })),
  };
}
