import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { licenses } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";

import { parseInput, type RawInput, rowId } from "@/lib/validation";
import { refreshLicenseState } from "./refresh-license-state";

export const revokeLicenseSchema = z.object({ licenseId: rowId });

/**
 * Sales staff or an operator remove a license (on the license keys page: the license a redeemed key
 * became); it stays on record as revoked, and the server it is on sees a new licensesVersion.
 */
export async function revokeLicense(
  db: Db,
  actor: Actor,
  raw: RawInput<typeof revokeLicenseSchema>,
): Promise<void> {
  requirePermission(actor, "licenses.enter");
  const { licenseId } = parseInput(revokeLicenseSchema, raw);
  if (!licenseId) throw notFound("License not found");
  await db.transaction(async (tx) => {
    const [license] = await tx
      .update(licenses)
      .set({ revokedAt: new Date(), revision: sql`${licenses.revision} + 1` })
      .where(and(eq(licenses.id, licenseId), isNull(licenses.revokedAt)))
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
