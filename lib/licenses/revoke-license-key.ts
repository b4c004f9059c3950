import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { licenseKeys } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";

/**
 * Sales staff or an operator withdraw a key not yet redeemed. A redeemed key has become a license;
 * that one is revoked as a license, not here.
 */
export async function revokeLicenseKey(db: Db, actor: Actor, input: { keyId?: unknown }): Promise<void> {
  requirePermission(actor, "license-keys.issue");
  const keyId = input.keyId;
  // A malformed id is as unknown as one that was never issued.
  if (typeof keyId !== "string" || !isUuid(keyId)) throw notFound("License key not found");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(licenseKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(licenseKeys.id, keyId), isNull(licenseKeys.revokedAt), isNull(licenseKeys.redeemedAt)))
      .returning();
    if (!row) {
      const [exists] = await tx
        .select({ id: licenseKeys.id })
        .from(licenseKeys)
        .where(eq(licenseKeys.id, keyId));
      if (!exists) throw notFound("License key not found");
      throw new AppError("conflict", "The key was redeemed or revoked meanwhile");
    }
    await recordAudit(tx, auditActor(actor), {
      organisationId: null,
      action: "license-key.revoked",
      targetType: "license-key",
      targetId: row.id,
      details: { product: row.productKey, quantity: row.quantity, hint: row.keyHint },
    });
  });
}
