import { z } from "zod";
import type { Db } from "@/db/client";
import { sqlRows } from "@/db/sql";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import { findOrgServer } from "./find-org-server";

export const usageRanges = ["24h", "7d", "30d"] as const;
export type UsageRange = (typeof usageRanges)[number];
export const usageRangeSchema = z.enum(usageRanges).catch("24h");

// About a hundred points per range, whatever the heartbeat rate.
const RANGES: Record<UsageRange, { spanMs: number; bucket: string; bucketMs: number }> = {
  "24h": { spanMs: 86_400_000, bucket: "15 minutes", bucketMs: 900_000 },
  "7d": { spanMs: 7 * 86_400_000, bucket: "2 hours", bucketMs: 7_200_000 },
  "30d": { spanMs: 30 * 86_400_000, bucket: "6 hours", bucketMs: 21_600_000 },
};

export type UsagePoint = { at: Date; total: number; mobile: number; audioVideo: number };
export type ServerUsage = { range: UsageRange; from: Date; to: Date; bucketMs: number; points: UsagePoint[] };

// The peak of each bucket: a chart of averages would hide the busy hour that licenses must cover.
const USAGE_SQL = `
select date_bin($2::interval, received_at, $3::timestamptz) as at,
       max(users_total) as total, max(users_mobile) as mobile, max(users_audio_video) as av
  from server_heartbeats
 where server_id = $1 and received_at >= $3::timestamptz and received_at <= $4::timestamptz
 group by 1 order by 1`;

/**
 * Users (total, mobile, audio/video) reported by one of the organisation's servers over 24 hours,
 * 7 or 30 days, as the peak per bucket, bucketed in the database. Any member may look.
 */
export async function getServerUsage(
  db: Db,
  actor: Actor,
  input: { server: string; range: UsageRange; now?: Date },
): Promise<ServerUsage> {
  const org = requirePermission(actor, "servers.view");
  const server = await findOrgServer(db, org.id, input.server, { lock: false });
  const r = RANGES[input.range];
  const to = input.now ?? new Date();
  const from = new Date(Math.floor((to.getTime() - r.spanMs) / r.bucketMs) * r.bucketMs);
  const rows = await sqlRows<{ at: Date | string; total: number; mobile: number; av: number }>(db, {
    name: "server-usage",
    text: USAGE_SQL,
    values: [server.id, r.bucket, from.toISOString(), to.toISOString()],
  });
  return {
    range: input.range,
    from,
    to,
    bucketMs: r.bucketMs,
    points: rows.map((p) => ({
      at: new Date(p.at),
      total: Number(p.total),
      mobile: Number(p.mobile),
      audioVideo: Number(p.av),
    })),
  };
}
