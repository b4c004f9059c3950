import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { licenses, products, servers } from "@/db/schema";
import { boundariesSql, licensesVersion } from "./licenses-version";

export type LicenseStatus = "active" | "expired" | "revoked";

/** A license as the UCServer sees it. */
export type LicenseView = {
  id: string;
  product: string;
  quantity: number;
  validFrom: string;
  validUntil: string | null;
  status: LicenseStatus;
  trial: boolean;
};

export type Entitlements = { mobileUsers: number; audioVideoUsers: number; push: boolean; turn: boolean };
export type ServerMode = "trial" | "licensed" | "unlicensed";

export type ServerLicenses = {
  version: string;
  licenses: LicenseView[];
  entitlements: Entitlements;
  mode: ServerMode;
};

/**
 * The server's licenses (those whose validity has begun), what they entitle it to, and the version
 * the UCServer compares. Push and TURN stay off while the current terms are not accepted.
 */
export async function loadServerLicenses(db: DbOrTx, serverId: string): Promise<ServerLicenses> {
  const [head] = await db
    .select({
      revision: servers.licensesRevision,
      termsAccepted: servers.termsAccepted,
      boundaries: boundariesSql(),
      // The database clock decides, as it does for the version's boundaries.
      nowMs: sql<number>`(extract(epoch from now()) * 1000)::float8`,
    })
    .from(servers)
    .where(eq(servers.id, serverId));
  if (!head) throw new Error(`server ${serverId} vanished`);
  const rows = await db
    .select({
      id: licenses.id,
      productKey: licenses.productKey,
      quantity: licenses.quantity,
      validFrom: licenses.validFrom,
      validUntil: licenses.validUntil,
      trial: licenses.trial,
      revokedAt: licenses.revokedAt,
      mobilePerUnit: products.mobileUsersPerUnit,
      audioVideoPerUnit: products.audioVideoUsersPerUnit,
      grantsPush: products.grantsPush,
      grantsTurn: products.grantsTurn,
    })
    .from(licenses)
    .innerJoin(products, eq(products.key, licenses.productKey))
    .where(and(eq(licenses.serverId, serverId), sql`${licenses.validFrom} <= now()`))
    .orderBy(asc(licenses.validFrom), asc(licenses.id));

  const now = head.nowMs;
  const entitlements: Entitlements = { mobileUsers: 0, audioVideoUsers: 0, push: false, turn: false };
  let activePaid = false;
  let activeTrial = false;
  const views = rows.map((r): LicenseView => {
    const status: LicenseStatus = r.revokedAt
      ? "revoked"
      : r.validUntil && r.validUntil.getTime() <= now
        ? "expired"
        : "active";
    if (status === "active") {
      entitlements.mobileUsers += r.quantity * r.mobilePerUnit;
      entitlements.audioVideoUsers += r.quantity * r.audioVideoPerUnit;
      entitlements.push ||= r.grantsPush;
      entitlements.turn ||= r.grantsTurn;
      if (r.trial) activeTrial = true;
      else activePaid = true;
    }
    return {
      id: r.id,
      product: r.productKey,
      quantity: r.quantity,
      validFrom: r.validFrom.toISOString(),
      validUntil: r.validUntil?.toISOString() ?? null,
      status,
      trial: r.trial,
    };
  });
  entitlements.push &&= head.termsAccepted;
  entitlements.turn &&= head.termsAccepted && entitlements.audioVideoUsers > 0;
  return {
    version: licensesVersion(head.revision, head.boundaries),
    licenses: views,
    entitlements,
    mode: activePaid ? "licensed" : activeTrial ? "trial" : "unlicensed",
  };
}
