import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { licenses } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";
import { refreshLicenseState } from "./refresh-license-state";

/** Sales staff or an operator remove a license; it stays on record as revoked. */
export async function revokeLicense(db: Db, actor: Actor, input: { licenseId: string }): Promise<void> {
  requirePermission(actor, "licenses.enter");
  if (!/^[0-9a-f-]{36}$/i.test(input.licenseId)) throw notFound("License not found");
  await db.transaction(async (tx) => {
    const [license] = await tx
      .update(licenses)
      .set({ revokedAt: new Date(), revision: sql`${licenses.revision} + 1` })
      .where(and(eq(licenses.id, input.licenseId), isNull(licenses.revokedAt)))
      .returning();
    if (!license) throw notFound("License not found");
    if (license.serverId) await refreshLicenseState(tx, license.serverId);
    await recordAudit(tx, auditActor(actor), {
      organisationId: license.organisationId,
      action: "license.revoked",
      targetType: "license",
      targetId: license.id,
      details: { product: license.productKey, quantity: license.quantity },
    });
  });
}
