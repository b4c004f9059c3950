import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { acceptedSqlText } from "./server-terms";

export type TermsScope = { serverId: string } | { organisationId: string } | { all: true };

/**
 * Recomputes the cached `servers.terms_accepted` for the servers in scope and bumps their licenses
 * revision, because consent or the terms in force changed what they are entitled to. The only
 * writer of that cache; call it in the transaction that changed consent, terms or ownership.
 */
export async function refreshTermsState(db: DbOrTx, scope: TermsScope): Promise<void> {
  const where =
    "serverId" in scope
      ? sql`s.id = ${scope.serverId}`
      : "organisationId" in scope
        ? sql`s.organisation_id = ${scope.organisationId}`
        : sql`true`;
  await db.execute(sql`
    update servers s
       set terms_accepted = not exists (
             select 1 from terms_documents d
              where d.is_current and not ${sql.raw(acceptedSqlText("d.id", "s"))}),
           licenses_revision = s.licenses_revision + 1
     where ${where}`);
}
