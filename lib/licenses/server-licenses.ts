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
    .select(grantingColumns)
    .from(licenses)
    .innerJoin(products, eq(products.key, licenses.productKey))
    .where(and(eq(licenses.serverId, serverId), sql`${licenses.validFrom} <= now()`))
    .orderBy(asc(licenses.validFrom), asc(licenses.id));

  const { views, entitlements, mode } = summariseLicenses(rows, head.nowMs, head.termsAccepted);
  return {
    version: licensesVersion(head.revision, head.boundaries),
    licenses: views,
    entitlements,
    mode,
  };
}

/** What summariseLicenses needs of a license joined with its product. */
export const grantingColumns = {
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
};

/** One of a server's licenses whose validity has begun, with what its product grants per unit. */
export type GrantingLicense = {
  id: string;
  productKey: string;
  quantity: number;
  validFrom: Date;
  validUntil: Date | null;
  trial: boolean;
  revokedAt: Date | null;
  mobilePerUnit: number;
  audioVideoPerUnit: number;
  grantsPush: boolean;
  grantsTurn: boolean;
};

/**
 * Each license's status at `nowMs`, and what the active ones add up to: the one computation behind
 * both the UCServer's answer and the portal's usage figures. Push and TURN need accepted terms;
 * TURN also needs audio/video users.
 */
export function summariseLicenses(
  rows: GrantingLicense[],
  nowMs: number,
  termsAccepted: boolean,
): { views: LicenseView[]; entitlements: Entitlements; mode: ServerMode } {
  const entitlements: Entitlements = { mobileUsers: 0, audioVideoUsers: 0, push: false, turn: false };
  let activePaid = false;
  let activeTrial = false;
  const views = rows.map((r): LicenseView => {
    const status: LicenseStatus = r.revokedAt
      ? "revoked"
      : r.validUntil && r.validUntil.getTime() <= nowMs
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
  entitlements.push &&= termsAccepted;
  entitlements.turn &&= termsAccepted && entitlements.audioVideoUsers > 0;
  return { views, entitlements, mode: activePaid ? "licensed" : activeTrial ? "trial" : "unlicensed" };
}
