import type { Db } from "@/db/client";
import { products } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import type { RawInput } from "@/lib/validation";
import { createProductSchema } from "./product-schema";

/** An operator adds a product to the catalogue. No license names it yet, so no server is affected. */
export async function createProduct(
  db: Db,
  actor: Actor,
  raw: RawInput<typeof createProductSchema>,
): Promise<{ key: string }> {
  const { input } = authorize(actor, "catalogue.manage", createProductSchema, raw);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(products)
      .values(input)
      .onConflictDoNothing({ target: products.key })
      .returning();
    if (!row) {
      throw new AppError("conflict", "Product key taken", {
        fields: [{ field: "key", message: "key-taken" }],
      });
    }
    await recordAudit(tx, auditActor(actor), {
      organisationId: null,
      action: "product.created",
      targetType: "product",
      targetId: row.key,
      details: { ...input },
    });
    return { key: row.key };
  });
}
