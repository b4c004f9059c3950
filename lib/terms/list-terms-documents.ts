import { asc, desc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type TermsDocument, termsDocuments } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";

/** Every published version of every terms document, newest first per kind. Operators only. */
export async function listTermsDocuments(db: Db, actor: Actor): Promise<TermsDocument[]> {
  requirePermission(actor, "terms.publish");
  return db.select().from(termsDocuments).orderBy(asc(termsDocuments.kind), desc(termsDocuments.publishedAt));
}
