import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { licenses, type Product, products } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { refreshLicenseState } from "@/lib/licenses/refresh-license-state";
import { requirePermission } from "@/lib/permissions";
import { parseInput, type RawInput } from "@/lib/validation";
import { updateProductSchema } from "./product-schema";

// The fields a UCServer's entitlements are computed from; names and order are only shown.
const ENTITLEMENT_FIELDS = [
  "mobileUsersPerUnit",
  "audioVideoUsersPerUnit",
  "grantsPush",
  "grantsTurn",
] as const;

/**
 * An operator edits a product. When what it grants changes, every server holding an unrevoked
 * license of it gets a new licensesVersion, so the UCServers refetch their entitlements.
 */
export async function updateProduct(
  db: Db,
  actor: Actor,
  raw: RawInput<typeof updateProductSchema>,
): Promise<{ serversRefreshed: number }> {
  requirePermission(actor, "catalogue.manage");
  const { key, ...fields } = parseInput(updateProductSchema, raw);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(products).where(eq(products.key, key)).for("update");
    if (!before) throw notFound("Product not found");
    await tx.update(products).set(fields).where(eq(products.key, key));
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((f) => fields[f] !== before[f]);
    const semantic = changed.some((f) => (ENTITLEMENT_FIELDS as readonly (keyof Product)[]).includes(f));
    let serverIds: string[] = [];
    if (semantic) {
      const rows = await tx
        .selectDistinct({ serverId: licenses.serverId })
        .from(licenses)
        .where(and(eq(licenses.productKey, key), isNull(licenses.revokedAt), isNotNull(licenses.serverId)))
        .orderBy(sql`1`);
      serverIds = rows.map((r) => r.serverId).filter((s): s is string => !!s);
      for (const serverId of serverIds) await refreshLicenseState(tx, serverId);
    }
    await recordAudit(tx, auditActor(actor), {
      organisationId: null,
      action: "product.updated",
      targetType: "product",
      targetId: key,
      details: {
        changed: Object.fromEntries(changed.map((f) => [f, { from: before[f], to: fields[f] }])),
        serversRefreshed: serverIds.length,
      },
    });
    return { serversRefreshed: serverIds.length };
  });
}
