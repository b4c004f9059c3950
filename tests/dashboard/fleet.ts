/** Servers, licenses and history straight in the database, for the dashboard's tests. */
import { sql } from "drizzle-orm";
import { licenses, type ServerStatus, serverStatusEvents, servers } from "@/db/schema";
import { generateServerCode } from "@/lib/servers/server-id";
import { db } from "@/tests/setup/db";
import { uniq } from "@/tests/setup/factories";

export const DAY = 86_400_000;
export const fromNow = (ms: number) => new Date(Date.now() + ms);

type ServerFields = Partial<typeof servers.$inferInsert>;

/** One server of the organisation with the given fields (no password anyone could use). */
export async function addServer(organisationId: string, fields: ServerFields = {}) {
  const [server] = await db
    .insert(servers)
    .values({
      code: generateServerCode(),
      name: `Server ${uniq()}`,
      origin: "portal",
      passwordHash: "x",
      organisationId,
      termsAccepted: true,
      ...fields,
    })
    .returning();
  return server!;
}

/** `count` servers at once, all with `status` (names "Bulk 001"…). */
export async function addServers(
  organisationId: string,
  count: number,
  status: ServerStatus,
  at = new Date(),
) {
  await db.execute(sql`
    insert into servers (code, name, origin, organisation_id, password_hash, status, status_changed_at, terms_accepted)
    select upper(substr(md5(random()::text), 1, 12)), 'Bulk ' || lpad(g::text, 3, '0'), 'portal',
           ${organisationId}::uuid, 'x', ${status}::server_status, ${at.toISOString()}::timestamptz, true
      from generate_series(1, ${count}) g`);
}

export async function addLicense(
  organisationId: string,
  serverId: string | null,
  productKey: "ucconnect-base" | "mobile-users" | "audio-video-users",
  fields: Partial<typeof licenses.$inferInsert> = {},
) {
  const [license] = await db
    .insert(licenses)
    .values({
      organisationId,
      serverId,
      productKey,
      quantity: 1,
      validFrom: fromNow(-30 * DAY),
      validUntil: null,
      ...fields,
    })
    .returning();
  return license!;
}

export async function addStatusEvent(serverId: string, from: ServerStatus, to: ServerStatus, at: Date) {
  await db.insert(serverStatusEvents).values({
    serverId,
    fromStatus: from,
    toStatus: to,
    at,
    reason: "test",
    notifiedAt: new Date(),
  });
}
