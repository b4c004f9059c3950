import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { licenses, products, servers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can, requirePermission } from "@/lib/permissions";
import { formatServerCode } from "@/lib/servers/server-id";
import { licenseStatus, type PortalLicenseStatus, type UsageLevel, usageLevel } from "./license-status";
import { grantingColumns, summariseLicenses } from "./server-licenses";

export type OverviewLicense = {
  id: string;
  revision: number;
  productName: string;
  quantity: number;
  validFrom: Date;
  validUntil: Date | null;
  status: PortalLicenseStatus;
  trial: boolean;
  /** Internal server id, or null while unassigned. */
  serverId: string | null;
  serverName: string | null;
};

export type Usage = { used: number | null; owned: number; level: UsageLevel };

export type OverviewServer = {
  id: string;
  serverId: string;
  name: string;
  mobile: Usage;
  audioVideo: Usage;
};

export type LicensesOverview = {
  canChange: boolean;
  licenses: OverviewLicense[];
  /** The organisation's servers that are not deleted: the only targets offered for an assignment. */
  servers: OverviewServer[];
};

/**
 * Everything the licenses page shows: the organisation's licenses (assigned, unassigned, trials),
 * and per server how many mobile and audio/video users are in use against what its licenses grant.
 * The grants come from the same computation the UCServer is answered with.
 */
/** `locale` names the products in the language the page is shown in (the actor's by default). */
export async function licensesOverview(
  db: Db,
  actor: Actor,
  { locale = actor.locale }: { locale?: "de" | "en" } = {},
): Promise<LicensesOverview> {
  const org = requirePermission(actor, "licenses.view");
  const [clock] = await db
    .select({ nowMs: sql<number>`(extract(epoch from now()) * 1000)::float8` })
    .from(sql`(select 1) as one`);
  const nowMs = clock!.nowMs;
  const rows = await db
    .select({ license: licenses, serverName: servers.name, nameDe: products.nameDe, nameEn: products.nameEn })
    .from(licenses)
    .innerJoin(products, eq(products.key, licenses.productKey))
    .leftJoin(servers, eq(servers.id, licenses.serverId))
    .where(eq(licenses.organisationId, org.id))
    .orderBy(
      sql`${licenses.serverId} is not null`,
      asc(servers.name),
      asc(products.sortOrder),
      desc(licenses.validFrom),
    );
  const serverRows = await db
    .select({
      id: servers.id,
      code: servers.code,
      name: servers.name,
      mobile: servers.usersMobile,
      av: servers.usersAudioVideo,
    })
    .from(servers)
    .where(and(eq(servers.organisationId, org.id), isNull(servers.deletedAt)))
    .orderBy(asc(servers.name));
  // Every server's begun licenses in one query, summed by the computation the UCServer is answered with.
  const granting = await db
    .select({ serverId: servers.id, ...grantingColumns })
    .from(licenses)
    .innerJoin(products, eq(products.key, licenses.productKey))
    .innerJoin(servers, eq(servers.id, licenses.serverId))
    .where(
      and(eq(servers.organisationId, org.id), isNull(servers.deletedAt), sql`${licenses.validFrom} <= now()`),
    );
  const byServer = new Map<string, typeof granting>();
  for (const g of granting) {
    const list = byServer.get(g.serverId);
    if (list) list.push(g);
    else byServer.set(g.serverId, [g]);
  }
  const overviewServers: OverviewServer[] = [];
  for (const s of serverRows) {
    // Terms do not change user counts, only push and TURN, which this page does not show.
    const { entitlements } = summariseLicenses(byServer.get(s.id) ?? [], nowMs, true);
    overviewServers.push({
      id: s.id,
      serverId: formatServerCode(s.code),
      name: s.name,
      mobile: {
        used: s.mobile,
        owned: entitlements.mobileUsers,
        level: usageLevel(s.mobile, entitlements.mobileUsers),
      },
      audioVideo: {
        used: s.av,
        owned: entitlements.audioVideoUsers,
        level: usageLevel(s.av, entitlements.audioVideoUsers),
      },
    });
  }
  return {
    canChange: can(actor, "licenses.manage"),
    servers: overviewServers,
    licenses: rows.map(({ license: l, ...r }) => ({
      id: l.id,
      revision: l.revision,
      productName: locale === "en" ? r.nameEn : r.nameDe,
      quantity: l.quantity,
      validFrom: l.validFrom,
      validUntil: l.validUntil,
      status: licenseStatus(l, nowMs),
      trial: l.trial,
      serverId: l.serverId,
      serverName: r.serverName,
    })),
  };
}
