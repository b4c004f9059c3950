import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { licenses, products } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";
import { formatServerCode } from "@/lib/servers/server-id";
import { concludeTrialOnServer } from "@/lib/trials/conclude-trial";
import { refreshLicenseState } from "./refresh-license-state";
import { findServerForStaff } from "./staff-access";

export const addLicenseSchema = z
  .object({
    server: z.string().trim().min(1).max(64),
    product: z.string().trim().min(1).max(64),
    quantity: z.coerce.number().int().min(1).max(100_000),
    validFrom: z.coerce.date().optional(),
    validUntil: z.coerce.date().nullable().optional(),
  })
  .refine((v) => !v.validUntil || v.validUntil > (v.validFrom ?? new Date()), {
    path: ["validUntil"],
    message: "before-valid-from",
  });
export type AddLicenseInput = z.infer<typeof addLicenseSchema>;

/**
 * Sales staff or an operator enter a bought license for a server. A bought license replaces the
 * trial: the server's trial licenses still running are revoked in the same step. The UCServer sees
 * the change through a new licensesVersion.
 */
export async function addLicense(db: Db, actor: Actor, input: AddLicenseInput): Promise<{ id: string }> {
  requirePermission(actor, "licenses.enter");
  return db.transaction(async (tx) => {
    const server = await findServerForStaff(tx, input.server);
    const [product] = await tx.select().from(products).where(eq(products.key, input.product));
    if (!product?.active) {
      throw new AppError("validation", "Unknown product", {
        fields: [{ field: "product", message: "unknown" }],
      });
    }
    const now = new Date();
    const concluded = await concludeTrialOnServer(tx, {
      serverId: server.id,
      byUserId: actor.userId,
      at: now,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
    });
    const [license] = await tx
      .insert(licenses)
      .values({
        serverId: server.id,
        organisationId: server.organisationId,
        productKey: product.key,
        quantity: input.quantity,
        validFrom: input.validFrom ?? now,
        validUntil: input.validUntil ?? null,
      })
      .returning({ id: licenses.id });
    await refreshLicenseState(tx, server.id);
    await recordAudit(tx, auditActor(actor), {
      organisationId: server.organisationId,
      action: "license.added",
      targetType: "license",
      targetId: license!.id,
      details: {
        serverId: formatServerCode(server.code),
        product: product.key,
        quantity: input.quantity,
        trialLicensesEnded: concluded.endedTrialLicenses,
        trialConverted: concluded.convertedTrialId,
      },
    });
    return { id: license!.id };
  });
}
