import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type TermsDocument, type TermsKind, termsDocuments } from "@/db/schema";
import { AppError } from "@/lib/errors";

/**
 * The current documents for the versions someone accepts. Any version that is not the current one
 * of its kind refuses the whole consent (409 terms-outdated), so nothing is recorded then.
 */
export async function requireCurrentDocuments(
  db: DbOrTx,
  accept: { kind: TermsKind; version: string }[],
): Promise<TermsDocument[]> {
  const kinds = [...new Set(accept.map((a) => a.kind))];
  const current = await db
    .select()
    .from(termsDocuments)
    .where(and(eq(termsDocuments.isCurrent, true), inArray(termsDocuments.kind, kinds)));
  const byKind = new Map(current.map((d) => [d.kind, d]));
  const fields = accept.flatMap((a, i) =>
    byKind.get(a.kind)?.version === a.version
      ? []
      : [{ field: `accept.${i}.version`, message: "not-current" }],
  );
  if (fields.length > 0) {
    throw new AppError("conflict", "A document version is not the current one", {
      reason: "terms-outdated",
      fields,
    });
  }
  return [...new Map(accept.map((a) => [a.kind, byKind.get(a.kind)!])).values()];
}
