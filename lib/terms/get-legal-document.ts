import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type TermsDocument, termsDocuments, termsKindEnum } from "@/db/schema";
import { notFound } from "@/lib/errors";

export const legalParamsSchema = z.object({
  kind: z.enum(termsKindEnum.enumValues),
  version: z.string().min(1).max(50),
});

/**
 * A published terms document by kind and version, for the public legal pages that UCServers link
 * to. Public on purpose: the admin reads it before any account exists. Unknown ones are 404.
 */
export async function getLegalDocument(
  db: Db,
  params: { kind: string; version: string },
): Promise<{ doc: TermsDocument; currentVersion: string | null }> {
  const parsed = legalParamsSchema.safeParse(params);
  if (!parsed.success) throw notFound("No such document");
  const [doc] = await db
    .select()
    .from(termsDocuments)
    .where(and(eq(termsDocuments.kind, parsed.data.kind), eq(termsDocuments.version, parsed.data.version)));
  if (!doc) throw notFound("No such document");
  if (doc.isCurrent) return { doc, currentVersion: doc.version };
  const [current] = await db
    .select({ version: termsDocuments.version })
    .from(termsDocuments)
    .where(and(eq(termsDocuments.kind, doc.kind), eq(termsDocuments.isCurrent, true)));
  return { doc, currentVersion: current?.version ?? null };
}
