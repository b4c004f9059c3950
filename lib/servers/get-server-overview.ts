import type { Db } from "@/db/client";
import { products, type ServerStatus } from "@/db/schema";
import { sqlRows } from "@/db/sql";
import type { Actor } from "@/lib/auth/actor";
import { loadServerLicenses, type ServerLicenses } from "@/lib/licenses/server-licenses";
import { requirePermission } from "@/lib/permissions";
import { loadServerTerms, type Terms } from "@/lib/terms/server-terms";
import { turnConfiguration } from "@/lib/turn/turn-configuration";
import { findOrgServer } from "./find-org-server";
import { serverUptime, type Uptime } from "./server-uptime";
import { type ServerView, toServerView } from "./server-view";

export const TIMELINE_LIMIT = 50;

export type TimelineEntry = {
  status: ServerStatus;
  from: ServerStatus;
  at: Date;
  until: Date | null;
  reason: string;
};

export type ServerOverview = ServerView & {
  licenses: ServerLicenses;
  /** Each product's name in German and English, for the licenses listed. */
  productNames: Record<string, { de: string; en: string }>;
  terms: Terms;
  /**
   * The audio/video relay as the server gets it: "unavailable" while it is entitled but this portal
   * has no TURN server, so turn-credentials refuses it (turn-unavailable) whatever its licenses say.
   */
  turn: "on" | "off" | "unavailable";
  uptime: Uptime;
  /** Newest first; `until` is when the next change ended it, null while it still holds. */
  timeline: TimelineEntry[];
};

// Newest first; each entry's end is the start of the next newer one, all within the page of rows.
const TIMELINE_SQL = `
select from_status, to_status, at, reason, lag(at) over (order by at desc, id desc) as until
  from (select * from server_status_events where server_id = $1 order by at desc, id desc limit $2) e
 order by at desc, id desc`;

/**
 * Everything the server page shows about one of the organisation's servers: its state, licenses and
 * entitlements, consent, uptime and recent status changes. Any member may look; another
 * organisation's server, a deleted one or a malformed id is not found.
 */
export async function getServerOverview(
  db: Db,
  actor: Actor,
  input: { server: string },
): Promise<ServerOverview> {
  const org = requirePermission(actor, "servers.view");
  const s = await findOrgServer(db, org.id, input.server, { lock: false });
  const [licenses, catalogue, terms, uptime, events] = await Promise.all([
    loadServerLicenses(db, s.id),
    db.select({ key: products.key, nameDe: products.nameDe, nameEn: products.nameEn }).from(products),
    loadServerTerms(db, s),
    serverUptime(db, s),
    sqlRows<{
      from_status: ServerStatus;
      to_status: ServerStatus;
      at: Date | string;
      reason: string;
      until: Date | string | null;
    }>(db, { name: "server-timeline", text: TIMELINE_SQL, values: [s.id, TIMELINE_LIMIT] }),
  ]);
  return {
    ...toServerView(s),
    licenses,
    productNames: Object.fromEntries(catalogue.map((p) => [p.key, { de: p.nameDe, en: p.nameEn }])),
    terms,
    turn: !licenses.entitlements.turn ? "off" : turnConfiguration().configured ? "on" : "unavailable",
    uptime,
    timeline: events.map((e) => ({
      status: e.to_status,
      from: e.from_status,
      at: new Date(e.at),
      until: e.until ? new Date(e.until) : null,
      reason: e.reason,
    })),
  };
}
