import { z } from "zod";
import type { Db } from "@/db/client";
import { termsKindEnum } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { authorize } from "@/lib/permissions";
import type { RawInput } from "@/lib/validation";
import { requireCurrentDocuments } from "./current-documents";
import { recordAcceptances } from "./record-acceptances";
import { refreshTermsState } from "./refresh-terms-state";

export const acceptTermsInPortalSchema = z.object({
  accept: z
    .array(z.object({ kind: z.enum(termsKindEnum.enumValues), version: z.string().trim().min(1).max(50) }))
    .min(1)
    .max(10),
});
export type AcceptTermsInPortalInput = RawInput<typeof acceptTermsInPortalSchema>;

/**
 * An owner or admin accepts terms for their organisation in the portal. The consent covers every
 * server of the organisation, including servers claimed later. Outdated versions refuse it whole.
 */
export async function acceptTermsInPortal(
  db: Db,
  actor: Actor,
  raw: AcceptTermsInPortalInput,
): Promise<void> {
  const { org, input } = authorize(actor, "terms.accept", acceptTermsInPortalSchema, raw);
  await db.transaction(async (tx) => {
    const docs = await requireCurrentDocuments(tx, input.accept);
    const fresh = await recordAcceptances(
      tx,
      docs,
      { organisationId: org.id },
      { source: "portal", acceptedBy: actor.email, acceptedByUserId: actor.userId, ip: actor.ip },
    );
    if (fresh.length === 0) return;
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
