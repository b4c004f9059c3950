import { asc, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type TermsKind, termsDocuments } from "@/db/schema";

export type RequiredTerms = { kind: TermsKind; version: string; title: string; url: string };
export type Terms = { accepted: boolean; required: RequiredTerms[] };

/** SQL: has the current document `docExpr` been accepted for server `serverExpr` (itself or its organisation)? */
export function acceptedSqlText(docExpr: string, serverExpr: string): string {
  return `exists (select 1 from terms_acceptances a
    where a.document_id = ${docExpr}
      and (a.server_id = ${serverExpr}.id
           or (${serverExpr}.organisation_id is not null and a.organisation_id = ${serverExpr}.organisation_id)))`;
}

/**
 * The current terms this server has not accepted yet, by the server itself or by its organisation
 * in the portal. Titles in the server's language.
 */
export async function loadServerTerms(
  db: DbOrTx,
  server: { id: string; organisationId: string | null; locale: "de" | "en" },
): Promise<Terms> {
  const rows = await db
    .select({
      kind: termsDocuments.kind,
      version: termsDocuments.version,
      titleDe: termsDocuments.titleDe,
      titleEn: termsDocuments.titleEn,
      url: termsDocuments.url,
    })
    .from(termsDocuments)
    .where(
      sql`${termsDocuments.isCurrent} and not exists (select 1 from terms_acceptances a
        where a.document_id = ${termsDocuments.id}
          and (a.server_id = ${server.id}
               or (${server.organisationId}::uuid is not null and a.organisation_id = ${server.organisationId}::uuid)))`,
    )
    .orderBy(asc(termsDocuments.kind));
  const required = rows.map((r) => ({
    kind: r.kind,
    version: r.version,
    title: server.locale === "en" ? r.titleEn : r.titleDe,
    url: r.url,
  }));
  return { accepted: required.length === 0, required };
}
