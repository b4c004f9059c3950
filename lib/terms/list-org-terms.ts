import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type TermsKind, termsAcceptances, termsDocuments } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";

export type OrgTermsItem = {
  kind: TermsKind;
  version: string;
  title: string;
  url: string;
  publishedAt: Date;
  /** Accepted in the portal for the whole organisation: by whom and when; null if not yet. */
  acceptance: { acceptedBy: string; acceptedAt: Date } | null;
};

/** The current terms documents and whether the caller's organisation has accepted each. */
export async function listOrgTerms(db: Db, actor: Actor): Promise<OrgTermsItem[]> {
  const org = requirePermission(actor, "terms.view");
  const rows = await db
    .select({
      doc: termsDocuments,
      acceptedBy: termsAcceptances.acceptedBy,
      acceptedAt: termsAcceptances.acceptedAt,
    })
    .from(termsDocuments)
    .leftJoin(
      termsAcceptances,
      and(eq(termsAcceptances.documentId, termsDocuments.id), eq(termsAcceptances.organisationId, org.id)),
    )
    .where(eq(termsDocuments.isCurrent, true))
    .orderBy(asc(termsDocuments.kind), asc(termsAcceptances.acceptedAt));
  const byKind = new Map<TermsKind, OrgTermsItem>();
  for (const r of rows) {
    if (byKind.has(r.doc.kind)) continue;
    byKind.set(r.doc.kind, {
      kind: r.doc.kind,
      version: r.doc.version,
      title: actor.locale === "en" ? r.doc.titleEn : r.doc.titleDe,
      url: r.doc.url,
      publishedAt: r.doc.publishedAt,
      acceptance: r.acceptedAt ? { acceptedBy: r.acceptedBy ?? "", acceptedAt: r.acceptedAt } : null,
    });
  }
  return [...byKind.values()];
}
