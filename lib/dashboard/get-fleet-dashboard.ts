import { z } from "zod";
import type { Db } from "@/db/client";
import type { ServerStatus, TermsKind } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { type UsageLevel, usageLevel } from "@/lib/licenses/license-status";
import { authorize } from "@/lib/permissions";
import { formatServerCode } from "@/lib/servers/server-id";
import { locale, type RawInput } from "@/lib/validation";
import {
  expiringLicenses,
  fleetByVersion,
  licenseUnitsByProduct,
  offlineServers,
  organisationFacts,
  serversOnVersions,
  serversOverLicense,
} from "./fleet-queries";
import { recentStatusChanges, type StatusChange } from "./recent-status-changes";
import { olderThanNewest } from "./versions";

export const RECENT_CHANGES = 10;

/** `locale` names products and documents in the language the page is shown in (the caller's by default). */
export const getFleetDashboardSchema = z.object({ locale: locale.optional() });
export type GetFleetDashboardInput = RawInput<typeof getFleetDashboardSchema>;

/** The first items of a list, and how many there are in all. */
export type Bounded<T> = { items: T[]; total: number };
/** A server as an attention item names it: `id` for its page, `serverId` as customers know it. */
export type ServerRef = { id: string; serverId: string; name: string };
export type UserFigure = { used: number; owned: number };

export type FleetCounts = Record<"total" | "online" | "late" | "offline" | "neverConnected", number>;

export type Attention = {
  offline: Bounded<ServerRef & { status: ServerStatus; since: Date }>;
  /** Some servers in use lack the current terms (push and TURN off); null when none do. */
  terms: { servers: number; documents: { kind: TermsKind; title: string }[] } | null;
  overLicense: Bounded<ServerRef & { mobile: UserFigure; audioVideo: UserFigure }>;
  /** The running trial, when it ends within 14 days. */
  trialEndsAt: Date | null;
  expiringLicenses: Bounded<{
    id: string;
    productName: string;
    quantity: number;
    validUntil: Date;
    server: { id: string; name: string } | null;
  }>;
  /** Servers on a version older than the newest one in the organisation; null when all run the newest. */
  outdated: { newest: string; servers: Bounded<ServerRef & { version: string }> } | null;
  /** Every item, whether listed or not. */
  total: number;
};

/**
 * One product across the organisation: for products that grant users, the users reported against
 * those granted ("users"); for the others, licenses assigned to a server against those owned.
 */
export type ProductUsage = {
  key: string;
  name: string;
  measure: "mobile-users" | "audio-video-users" | "assigned";
  used: number;
  owned: number;
  level: UsageLevel;
};

export type FleetDashboard = {
  counts: FleetCounts;
  attention: Attention;
  usage: ProductUsage[];
  recent: StatusChange[];
};

const ref = (s: { id: string; code: string; name: string }): ServerRef => ({
  id: s.id,
  serverId: formatServerCode(s.code),
  name: s.name,
});

/**
 * The caller's organisation's fleet at a glance: servers by connection status; what needs
 * attention (offline servers, terms not accepted, users over the license, licenses or the trial
 * ending within 14 days, servers older than the newest UCServer version seen), each kind listed up
 * to 20 with its total; license use per product; the newest status changes. A handful of
 * statements, aggregated or bounded in SQL and run side by side, never one per server: the page
 * stays fast at 10,000 servers (npm run bench:dashboard). Deleted servers never count; disabled ones
 * count by status but draw no attention. Any member may look.
 */
export async function getFleetDashboard(
  db: Db,
  actor: Actor,
  raw: GetFleetDashboardInput = {},
): Promise<FleetDashboard> {
  const { org, input } = authorize(actor, "servers.view", getFleetDashboardSchema, raw);
  const lang = input.locale ?? actor.locale;
  const byVersion = fleetByVersion(db, org.id);
  const outdatedList = byVersion.then(async (groups) => {
    const { newest, older } = olderThanNewest(groups.flatMap((g) => (g.version ? [g.version] : [])));
    if (!newest || older.length === 0) return null;
    const total = groups.reduce((n, g) => n + (g.version && older.includes(g.version) ? g.active : 0), 0);
    if (total === 0) return null;
    const rows = await serversOnVersions(db, org.id, older);
    return { newest, servers: { items: rows.map((r) => ({ ...ref(r), version: r.version })), total } };
  });
  const [groups, outdated, offline, over, expiring, facts, units, recent] = await Promise.all([
    byVersion,
    outdatedList,
    offlineServers(db, org.id),
    serversOverLicense(db, org.id),
    expiringLicenses(db, org.id),
    organisationFacts(db, org.id),
    licenseUnitsByProduct(db, org.id),
    recentStatusChanges(db, org.id, RECENT_CHANGES),
  ]);

  const sum = (pick: (g: (typeof groups)[number]) => number) => groups.reduce((n, g) => n + pick(g), 0);
  const counts: FleetCounts = {
    online: sum((g) => g.online),
    late: sum((g) => g.late),
    offline: sum((g) => g.offline),
    neverConnected: sum((g) => g.never_connected),
    total: sum((g) => g.online + g.late + g.offline + g.never_connected),
  };
  const termsOpen = sum((g) => g.terms_open);
  const reported = { mobile: sum((g) => g.mobile), audioVideo: sum((g) => g.audio_video) };

  const attention: Attention = {
    offline: {
      items: offline.map((s) => ({ ...ref(s), status: s.status, since: new Date(s.since) })),
      total: sum((g) => g.offline_active),
    },
    terms:
      termsOpen > 0 && facts.missingTerms.length > 0
        ? {
            servers: termsOpen,
            documents: facts.missingTerms.map((d) => ({
              kind: d.kind,
              title: lang === "en" ? d.titleEn : d.titleDe,
            })),
          }
        : null,
    overLicense: {
      items: over.map((s) => ({
        ...ref(s),
        mobile: { used: s.users_mobile ?? 0, owned: s.ent_mobile },
        audioVideo: { used: s.users_audio_video ?? 0, owned: s.ent_audio_video },
      })),
      total: over[0]?.total ?? 0,
    },
    trialEndsAt: facts.trialEndsAt,
    expiringLicenses: {
      items: expiring.map((l) => ({
        id: l.id,
        productName: lang === "en" ? l.name_en : l.name_de,
        quantity: l.quantity,
        validUntil: new Date(l.valid_until),
        server: l.server_id && l.server_name ? { id: l.server_id, name: l.server_name } : null,
      })),
      total: expiring[0]?.total ?? 0,
    },
    outdated,
    total: 0,
  };
  attention.total =
    attention.offline.total +
    (attention.terms ? 1 : 0) +
    attention.overLicense.total +
    (attention.trialEndsAt ? 1 : 0) +
    attention.expiringLicenses.total +
    (outdated?.servers.total ?? 0);

  const usage = units.flatMap((p): ProductUsage[] => {
    const measure: ProductUsage["measure"] =
      p.mobile_per_unit > 0 ? "mobile-users" : p.audio_video_per_unit > 0 ? "audio-video-users" : "assigned";
    const [used, owned] =
      measure === "mobile-users"
        ? [reported.mobile, p.units * p.mobile_per_unit]
        : measure === "audio-video-users"
          ? [reported.audioVideo, p.units * p.audio_video_per_unit]
          : [p.assigned, p.units];
    // A product nobody holds shows only when its users are reported anyway (they need licenses).
    if (owned === 0 && (used === 0 || !p.active)) return [];
    return [
      {
        key: p.key,
        name: lang === "en" ? p.name_en : p.name_de,
        measure,
        used,
        owned,
        // Assigning every license owned is the aim, not a warning.
        level: measure === "assigned" ? "ok" : usageLevel(used, owned),
      },
    ];
  });

  return { counts, attention, usage, recent };
}
