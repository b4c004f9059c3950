import { and, eq, inArray } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { type TermsDocument, termsDocuments } from "@/db/schema";

/** What a person accepts by signing up: the license terms and the privacy policy, current versions. */
export const SIGN_UP_TERMS = ["license-terms", "privacy-policy"] as const;

export type SignUpDocument = Pick<TermsDocument, "kind" | "version" | "titleDe" | "titleEn">;

/** The current versions of the documents a sign-up accepts (public: read before any account exists). */
export async function currentSignUpDocuments(db: Db | DbOrTx): Promise<TermsDocument[]> {
  return db
    .select()
    .from(termsDocuments)
    .where(and(eq(termsDocuments.isCurrent, true), inArray(termsDocuments.kind, [...SIGN_UP_TERMS])));
}
