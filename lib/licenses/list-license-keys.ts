import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { licenseKeys, licenses, organisations, products, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";

export type LicenseKeyStatus = "open" | "redeemed" | "revoked";

export type LicenseKeyRow = {
  id: string;
  hint: string;
  productName: string;
  quantity: number;
  validDays: number | null;
  note: string | null;
  issuedBy: string | null;
  createdAt: Date;
  status: LicenseKeyStatus;
  redeemedAt: Date | null;
  redeemedBy: string | null;
  /** The license a redeemed key became, and when staff revoked it, if they did. */
  license: { id: string; revokedAt: Date | null } | null;
};

/** The license keys issued, newest first, with who redeemed them; for sales staff and operators. */
export async function listLicenseKeys(
  db: Db,
  actor: Actor,
  { locale = actor.locale, limit = 200 }: { locale?: "de" | "en"; limit?: number } = {},
): Promise<LicenseKeyRow[]> {
  requirePermission(actor, "license-keys.issue");
  const rows = await db
    .select({
      key: licenseKeys,
      nameDe: products.nameDe,
      nameEn: products.nameEn,
      issuedBy: users.email,
      orgName: organisations.name,
      licenseRevokedAt: licenses.revokedAt,
    })
    .from(licenseKeys)
    .innerJoin(products, eq(products.key, licenseKeys.productKey))
    .leftJoin(users, eq(users.id, licenseKeys.issuedByUserId))
    .leftJoin(organisations, eq(organisations.id, licenseKeys.redeemedByOrganisationId))
    .leftJoin(licenses, eq(licenses.id, licenseKeys.licenseId))
    .orderBy(desc(licenseKeys.createdAt))
    .limit(limit);
  return rows.map(({ key, ...r }) => ({
    id: key.id,
    hint: key.keyHint,
    productName: locale === "en" ? r.nameEn : r.nameDe,
    quantity: key.quantity,
    validDays: key.validDays,
    note: key.note,
    issuedBy: r.issuedBy,
    createdAt: key.createdAt,
    status: key.revokedAt ? "revoked" : key.redeemedAt ? "redeemed" : "open",
    redeemedAt: key.redeemedAt,
    redeemedBy: r.orgName,
    license: key.licenseId ? { id: key.licenseId, revokedAt: r.licenseRevokedAt } : null,
  }));
}
