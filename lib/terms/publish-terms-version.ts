import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { termsDocuments, termsKindEnum } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { notifyTermsPublished } from "@/lib/notifications/notify-terms-published";
import { authorize } from "@/lib/permissions";
import { type RawInput, text } from "@/lib/validation";
import { refreshTermsState } from "./refresh-terms-state";

export const publishTermsVersionSchema = z.object({
  kind: z.enum(termsKindEnum.enumValues),
  // It becomes part of the /legal/<kind>/<version> URL that UCServers show, so keep it plain.
  version: text(50).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "invalid-version"),
  titleDe: text(200),
  titleEn: text(200),
  /** Defaults to the portal's own legal page for this version. */
  url: z
    .url({ protocol: /^https?$/ })
    .max(500)
    .optional(),
});
export type PublishTermsVersionInput = RawInput<typeof publishTermsVersionSchema>;

/**
 * An operator publishes a new version of a terms document. It becomes the current one of its kind
 * at once, so every server must accept it again: push and TURN go off until they do, and every
 * server's licensesVersion changes so UCServers notice. Every owner is told by e-mail (queued in
 * the outbox here; the caller kicks the mail worker after commit).
 */
export async function publishTermsVersion(
  db: Db,
  actor: Actor,
  raw: PublishTermsVersionInput,
): Promise<{ id: string }> {
  const { input } = authorize(actor, "terms.publish", publishTermsVersionSchema, raw);
  return db.transaction(async (tx) => {
    // Two operators publishing at once would both find no conflict; take turns.
    await tx.execute(sql`select pg_advisory_xact_lock(727274002)`);
    const [existing] = await tx
      .select({ id: termsDocuments.id })
      .from(termsDocuments)
      .where(and(eq(termsDocuments.kind, input.kind), eq(termsDocuments.version, input.version)));
    if (existing) {
      throw new AppError("conflict", "This version exists already", {
        fields: [{ field: "version", message: "exists" }],
      });
    }
    await tx
      .update(termsDocuments)
      .set({ isCurrent: false })
      .where(and(eq(termsDocuments.kind, input.kind), eq(termsDocuments.isCurrent, true)));
    const appUrl = env().APP_URL.replace(/\/$/, "");
    const url = input.url ?? `${appUrl}/legal/${input.kind}/${encodeURIComponent(input.version)}`;
    const [doc] = await tx
      .insert(termsDocuments)
      .values({ ...input, url, isCurrent: true, publishedByUserId: actor.userId })
      .returning();
    await refreshTermsState(tx, { all: true });
    const owners = await notifyTermsPublished(tx, doc!, appUrl);
    await recordAudit(tx, auditActor(actor), {
      organisationId: null,
      action: "terms.published",
      targetType: "terms-document",
      targetId: doc!.id,
      details: { kind: input.kind, version: input.version, ownersNotified: owners },
    });
    return { id: doc!.id };
  });
}
