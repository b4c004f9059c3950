import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { type Actor, requireOrg } from "@/lib/auth/actor";

export const AUDIT_PAGE_SIZE = 50;

/** The caller's organisation's audit log, newest first, keyset-paginated. Owners only. */
export async function listAuditEvents(
  db: Db,
  actor: Actor,
  opts: { before?: { at: Date; id: string } } = {},
) {
  const org = requireOrg(actor, "owner");
  const cursor = opts.before
    ? or(
        lt(auditEvents.createdAt, opts.before.at),
        and(eq(auditEvents.createdAt, opts.before.at), lt(auditEvents.id, opts.before.id)),
      )
    : undefined;
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, org.id), cursor))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  return { events: rows.slice(0, AUDIT_PAGE_SIZE), hasMore: rows.length > AUDIT_PAGE_SIZE };
}
