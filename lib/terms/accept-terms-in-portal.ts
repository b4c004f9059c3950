import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { termsAcceptances, termsKindEnum } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor, requireOrg } from "@/lib/auth/actor";
import { requireCurrentDocuments } from "./current-documents";
import { refreshTermsState } from "./refresh-terms-state";

export const acceptTermsInPortalSchema = z.object({
  accept: z
    .array(z.object({ kind: z.enum(termsKindEnum.enumValues), version: z.string().trim().min(1).max(50) }))
    .min(1)
    .max(10),
});
export type AcceptTermsInPortalInput = z.infer<typeof acceptTermsInPortalSchema>;

/**
 * An owner or admin accepts terms for their organisation in the portal. The consent covers every
 * server of the organisation, including servers claimed later. Outdated versions refuse it whole.
 */
export async function acceptTermsInPortal(
  db: Db,
  actor: Actor,
  input: AcceptTermsInPortalInput,
): Promise<void> {
  const org = requireOrg(actor, "admin");
  await db.transaction(async (tx) => {
    const docs = await requireCurrentDocuments(tx, input.accept);
    const already = await tx
      .select({ documentId: termsAcceptances.documentId })
      .from(termsAcceptances)
      .where(
        and(
          eq(termsAcceptances.organisationId, org.id),
          inArray(
            termsAcceptances.documentId,
            docs.map((d) => d.id),
          ),
        ),
      );
    const known = new Set(already.map((a) => a.documentId));
    const fresh = docs.filter((d) => !known.has(d.id));
    if (fresh.length === 0) return;
    await tx.insert(termsAcceptances).values(
      fresh.map((d) => ({
        documentId: d.id,
        kind: d.kind,
        version: d.version,
        organisationId: org.id,
        source: "portal" as const,
        acceptedBy: actor.email,
        acceptedByUserId: actor.userId,
        ip: actor.ip,
      })),
    );
    await refreshTermsState(tx, { organisationId: org.id });
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "terms.accepted",
      targetType: "organisation",
      targetId: org.id,
      details: { source: "portal", documents: fresh.map((d) => `${d.kind}@${d.version}`) },
    });
  });
}
