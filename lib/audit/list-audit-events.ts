import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";
import { isUuid } from "@/lib/validation";

export const AUDIT_PAGE_SIZE = 50;

// PostgreSQL would take 4713 BC..294276 AD, but only four-digit years survive the trip through an
// ISO string (year 0000 and ±YYYYYY make the server fail the query), and no audit event predates
// this product. So a cursor is a moment in 2000..9999 or it was edited by hand.
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(10000, 0, 1);

/** "<ISO time, UTC, up to microseconds>_<id>" of the last row shown, as `nextBefore` hands it out. */
const cursorSchema = z
  .string()
  .max(80)
  .transform((v) => v.split("_"))
  .pipe(
    z.tuple([
      z.iso.datetime().refine((at) => {
        const t = Date.parse(at);
        return t >= EARLIEST && t < LATEST;
      }),
      z.string().refine(isUuid),
    ]),
  );

function parseCursor(before: string | string[] | undefined) {
  if (before === undefined || before === "") return undefined;
  const parsed = cursorSchema.safeParse(before);
  if (!parsed.success) {
    throw new AppError("validation", "Invalid audit cursor", {
      fields: [{ field: "before", message: "invalid-cursor" }],
    });
  }
  const [at, id] = parsed.data;
  return { at, id };
}

/**
 * The caller's organisation's audit log, newest first, keyset-paginated. Owners only. `before` is
 * the raw cursor from the URL; one that is not a cursor this gave out is a validation error.
 */
export async function listAuditEvents(db: Db, actor: Actor, opts: { before?: string | string[] } = {}) {
  const org = requirePermission(actor, "audit.view");
  const before = parseCursor(opts.before);
  // Compared as text cast in SQL, not as a JS Date: rows written in one transaction share now() to
  // the microsecond, and a millisecond cursor would skip the rest of such a group.
  // The plain `<=` lets the (organisation, created_at) index bound the scan; the row comparison
  // then breaks ties by id, as the order does.
  const cursor = before
    ? and(
        sql`${auditEvents.createdAt} <= ${before.at}::timestamptz`,
        sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (${before.at}::timestamptz, ${before.id}::uuid)`,
      )
    : undefined;
  const rows = await db
    .select({
      event: auditEvents,
      cursorAt: sql<string>`to_char(${auditEvents.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, org.id), cursor))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = page.at(-1);
  const hasMore = rows.length > AUDIT_PAGE_SIZE;
  return {
    events: page.map((r) => r.event),
    hasMore,
    nextBefore: hasMore && last ? `${last.cursorAt}_${last.event.id}` : undefined,
  };
}
