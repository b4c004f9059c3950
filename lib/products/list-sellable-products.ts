import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { products } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";

/** The active products, for staff choosing what a license key is for or what a trial converts into. */
export async function listSellableProducts(
  db: Db,
  actor: Actor,
  { locale = actor.locale }: { locale?: "de" | "en" } = {},
): Promise<{ key: string; name: string; trialQuantity: number }[]> {
  requirePermission(actor, "license-keys.issue");
  const rows = await db
    .select()
    .from(products)
    .where(eq(products.active, true))
    .orderBy(asc(products.sortOrder));
  return rows.map((p) => ({
    key: p.key,
    name: locale === "en" ? p.nameEn : p.nameDe,
    trialQuantity: p.trialQuantity,
  }));
}
