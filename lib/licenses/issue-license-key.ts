import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { licenseKeys, products } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { multiline, type RawInput, text } from "@/lib/validation";
import { generateLicenseKey, hashLicenseKey, licenseKeyHint, normalizeLicenseKey } from "./license-key-code";

export const issueLicenseKeySchema = z.object({
  product: text(64),
  quantity: z.coerce
    .number({ error: "whole-number" })
    .int({ error: "whole-number" })
    .min(1, { error: "too-small" })
    .max(100_000, { error: "too-large" }),
  // Empty means no end: the license runs until it is revoked.
  validDays: z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? null : v),
    z.coerce
      .number({ error: "whole-number" })
      .int({ error: "whole-number" })
      .min(1, { error: "too-small" })
      .max(3650, { error: "too-large" })
      .nullable(),
  ),
  note: multiline(500).optional(),
});
export type IssueLicenseKeyInput = RawInput<typeof issueLicenseKeySchema>;

/**
 * Sales staff or an operator issue a license key for a product. The key is returned this once;
 * only its SHA-256 and last group are kept, so a leaked database does not leak redeemable keys.
 */
export async function issueLicenseKey(
  db: Db,
  actor: Actor,
  raw: IssueLicenseKeyInput,
): Promise<{ id: string; key: string }> {
  const { input } = authorize(actor, "license-keys.issue", issueLicenseKeySchema, raw);
  return db.transaction(async (tx) => {
    const [product] = await tx.select().from(products).where(eq(products.key, input.product));
    if (!product?.active) {
      throw new AppError("validation", "Unknown product", {
        fields: [{ field: "product", message: "unknown-product" }],
      });
    }
    const key = generateLicenseKey();
    const canonical = normalizeLicenseKey(key)!;
    const [row] = await tx
      .insert(licenseKeys)
      .values({
        keyHash: hashLicenseKey(canonical),
        keyHint: licenseKeyHint(canonical),
        productKey: product.key,
        quantity: input.quantity,
        validDays: input.validDays,
        note: input.note || null,
        issuedByUserId: actor.userId,
      })
      .returning({ id: licenseKeys.id });
    await recordAudit(tx, auditActor(actor), {
      organisationId: null,
      action: "license-key.issued",
      targetType: "license-key",
      targetId: row!.id,
      details: {
        product: product.key,
        quantity: input.quantity,
        validDays: input.validDays,
        hint: licenseKeyHint(canonical),
      },
    });
    return { id: row!.id, key };
  });
}
