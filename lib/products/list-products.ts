import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { licenses, type Product, products } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";

export type CatalogueProduct = Product & { activeLicenses: number };

/** The whole catalogue, inactive products included, with how many unrevoked licenses use each. */
export async function listProducts(db: Db, actor: Actor): Promise<CatalogueProduct[]> {
  requirePermission(actor, "catalogue.manage");
  const rows = await db
    .select({ product: products, activeLicenses: count(licenses.id) })
    .from(products)
    .leftJoin(licenses, and(eq(licenses.productKey, products.key), isNull(licenses.revokedAt)))
    .groupBy(products.key)
    .orderBy(asc(products.sortOrder), asc(products.key));
  return rows.map((r) => ({ ...r.product, activeLicenses: r.activeLicenses }));
}

/** One product for the edit form; operators only. */
export async function getProduct(db: Db, actor: Actor, key: string): Promise<Product | null> {
  requirePermission(actor, "catalogue.manage");
  const [row] = await db.select().from(products).where(eq(products.key, key));
  return row ?? null;
}
