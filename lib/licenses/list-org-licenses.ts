import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { licenses, products, servers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import { formatServerCode } from "@/lib/servers/server-id";
import type { LicenseStatus } from "./server-licenses";

export type OrgLicense = {
  id: string;
  serverId: string;
  serverName: string;
  product: string;
  productName: string;
  quantity: number;
  validFrom: Date;
  validUntil: Date | null;
  /** "pending" until validFrom; the protocol itself only lists licenses that have begun. */
  status: LicenseStatus | "pending";
  trial: boolean;
};

/** The licenses of every server of the caller's organisation, trials included. */
export async function listOrgLicenses(db: Db, actor: Actor): Promise<OrgLicense[]> {
  const org = requirePermission(actor, "licenses.view");
  const rows = await db
    .select({
      license: licenses,
      code: servers.code,
      serverName: servers.name,
      nameDe: products.nameDe,
      nameEn: products.nameEn,
      now: sql<number>`(extract(epoch from now()) * 1000)::float8`,
    })
    .from(licenses)
    .innerJoin(servers, eq(servers.id, licenses.serverId))
    .innerJoin(products, eq(products.key, licenses.productKey))
    .where(eq(servers.organisationId, org.id))
    .orderBy(asc(servers.name), asc(products.sortOrder), asc(licenses.validFrom));
  return rows.map((r) => {
    const l = r.license;
    const status = l.revokedAt
      ? "revoked"
      : l.validUntil && l.validUntil.getTime() <= r.now
        ? "expired"
        : l.validFrom.getTime() > r.now
          ? "pending"
          : "active";
    return {
      id: l.id,
      serverId: formatServerCode(r.code),
      serverName: r.serverName,
      product: l.productKey,
      productName: actor.locale === "en" ? r.nameEn : r.nameDe,
      quantity: l.quantity,
      validFrom: l.validFrom,
      validUntil: l.validUntil,
      status,
      trial: l.trial,
    };
  });
}
