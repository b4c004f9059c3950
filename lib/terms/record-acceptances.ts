import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type TermsDocument, termsAcceptances } from "@/db/schema";

export type AcceptanceScope = { serverId: string } | { organisationId: string };
export type AcceptanceBy = {
  source: "ucserver" | "portal";
  acceptedBy: string;
  acceptedByUserId?: string | null;
  ip: string | null;
};

/**
 * Records consent to the given documents for one server or one organisation, skipping those that
 * scope accepted before. Returns the documents newly accepted (empty when there were none).
 */
export async function recordAcceptances(
  tx: DbOrTx,
  docs: TermsDocument[],
  scope: AcceptanceScope,
  by: AcceptanceBy,
): Promise<TermsDocument[]> {
  const scoped =
    "serverId" in scope
      ? eq(termsAcceptances.serverId, scope.serverId)
      : eq(termsAcceptances.organisationId, scope.organisationId);
  const already = await tx
    .select({ documentId: termsAcceptances.documentId })
    .from(termsAcceptances)
    .where(
      and(
        scoped,
        inArray(
          termsAcceptances.documentId,
          docs.map((d) => d.id),
        ),
      ),
    );
  const known = new Set(already.map((a) => a.documentId));
  const fresh = docs.filter((d) => !known.has(d.id));
  if (fresh.length === 0) return [];
  await tx
    .insert(termsAcceptances)
    .values(fresh.map((d) => ({ documentId: d.id, kind: d.kind, version: d.version, ...scope, ...by })));
  return fresh;
}
