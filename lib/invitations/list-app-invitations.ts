import { and, desc, eq, ilike, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { appInvitations, mailOutbox, servers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import { formatServerCode } from "@/lib/servers/server-id";

export const INVITATION_STATUSES = ["queued", "sent", "failed"] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];
export const PAGE_SIZE = 50;

export const listInvitationsSchema = z.object({
  status: z.enum(INVITATION_STATUSES).optional().catch(undefined),
  serverId: z.uuid().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type ListInvitationsInput = z.infer<typeof listInvitationsSchema>;

// The invitation's status is its current mail's: queued while the outbox still tries.
const status = sql<InvitationStatus>`case
  when ${mailOutbox.status} = 'sent' then 'sent'
  when ${mailOutbox.status} = 'failed' then 'failed'
  else 'queued' end`;

function statusFilter(s: InvitationStatus): SQL {
  if (s === "sent") return eq(mailOutbox.status, "sent");
  if (s === "failed") return eq(mailOutbox.status, "failed");
  return or(inArray(mailOutbox.status, ["queued", "sending"]), isNull(mailOutbox.status))!;
}

/** The organisation's app invitations, newest first, with delivery status; any member may look. */
export async function listAppInvitations(db: Db, actor: Actor, input: ListInvitationsInput = {}) {
  const org = requirePermission(actor, "invitations.view");
  const page = input.page ?? 1;
  const q = input.q ? `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const where = and(
    eq(appInvitations.organisationId, org.id),
    input.serverId ? eq(appInvitations.serverId, input.serverId) : undefined,
    input.status ? statusFilter(input.status) : undefined,
    q ? or(ilike(appInvitations.email, q), ilike(appInvitations.recipientName, q)) : undefined,
  );
  const rows = await db
    .select({
      id: appInvitations.id,
      recipientName: appInvitations.recipientName,
      email: appInvitations.email,
      loginName: appInvitations.loginName,
      locale: appInvitations.locale,
      serverName: servers.name,
      serverCode: servers.code,
      sentBy: users.name,
      createdAt: appInvitations.createdAt,
      lastQueuedAt: appInvitations.lastQueuedAt,
      status,
      attempts: mailOutbox.attempts,
      // The reason in words the customer may see; the SMTP server's own text is for operators only.
      failure: mailOutbox.failure,
      sentAt: mailOutbox.sentAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(appInvitations)
    .innerJoin(servers, eq(servers.id, appInvitations.serverId))
    .leftJoin(mailOutbox, eq(mailOutbox.id, appInvitations.outboxId))
    .leftJoin(users, eq(users.id, appInvitations.sentByUserId))
    .where(where)
    .orderBy(desc(appInvitations.createdAt), desc(appInvitations.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const [counts] = await db
    .select({
      queued:
        sql<number>`count(*) filter (where ${mailOutbox.status} is null or ${mailOutbox.status} in ('queued','sending'))`.mapWith(
          Number,
        ),
      sent: sql<number>`count(*) filter (where ${mailOutbox.status} = 'sent')`.mapWith(Number),
      failed: sql<number>`count(*) filter (where ${mailOutbox.status} = 'failed')`.mapWith(Number),
    })
    .from(appInvitations)
    .leftJoin(mailOutbox, eq(mailOutbox.id, appInvitations.outboxId))
    .where(eq(appInvitations.organisationId, org.id));
  return {
    invitations: rows.map(({ total: _, serverCode, ...r }) => ({
      ...r,
      serverId: formatServerCode(serverCode),
    })),
    total: rows[0]?.total ?? 0,
    page,
    pageSize: PAGE_SIZE,
    counts: counts ?? { queued: 0, sent: 0, failed: 0 },
  };
}
