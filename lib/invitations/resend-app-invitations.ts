import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { appInvitations, type Locale, mailOutbox, servers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor, type OrgContext } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { enqueueMails } from "@/lib/mail/enqueue-mail";
import { requirePermission } from "@/lib/permissions";
import { getAppLinks } from "./app-links";
import { prepareInvitationMail } from "./invitation-mail";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Queues a fresh mail for each given invitation (already scoped to `org`) and points it there. */
async function requeue(tx: DbOrTx, actor: Actor, org: OrgContext, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx
    .select({ inv: appInvitations, serverCode: servers.code })
    .from(appInvitations)
    .innerJoin(servers, eq(servers.id, appInvitations.serverId))
    .where(
      and(
        eq(appInvitations.organisationId, org.id),
        inArray(appInvitations.id, ids),
        sql`${servers.deletedAt} is null`,
      ),
    )
    .for("update", { of: appInvitations });
  const links = await getAppLinks(tx);
  const outboxIds = await enqueueMails(
    tx,
    rows.map(({ inv, serverCode }) =>
      prepareInvitationMail({
        organisationId: org.id,
        organisationName: org.name,
        serverCode,
        sender: { name: actor.name, email: actor.email },
        links,
        recipient: {
          name: inv.recipientName || null,
          email: inv.email,
          loginName: inv.loginName,
          locale: inv.locale as Locale,
        },
        message: inv.message,
      }),
    ),
  );
  for (const [i, { inv }] of rows.entries()) {
    await tx
      .update(appInvitations)
      .set({ outboxId: outboxIds[i]!, lastQueuedAt: new Date(), sentByUserId: actor.userId })
      .where(eq(appInvitations.id, inv.id));
  }
  return rows.length;
}

/** Sends one invitation again, whatever became of it: the explicit way past the once-a-day rule. */
export async function resendAppInvitation(db: Db, actor: Actor, invitationId: string): Promise<void> {
  const org = requirePermission(actor, "invitations.send");
  if (!UUID.test(invitationId)) throw notFound("Invitation not found");
  await db.transaction(async (tx) => {
    if ((await requeue(tx, actor, org, [invitationId])) === 0) throw notFound("Invitation not found");
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "app-invitation.resent",
      targetType: "app-invitation",
      targetId: invitationId,
    });
  });
}

/** Sends every failed invitation of the organisation again. Returns how many. */
export async function resendFailedAppInvitations(db: Db, actor: Actor): Promise<number> {
  const org = requirePermission(actor, "invitations.send");
  return db.transaction(async (tx) => {
    const failed = await tx
      .select({ id: appInvitations.id })
      .from(appInvitations)
      .innerJoin(mailOutbox, eq(mailOutbox.id, appInvitations.outboxId))
      .where(and(eq(appInvitations.organisationId, org.id), eq(mailOutbox.status, "failed")));
    const n = await requeue(
      tx,
      actor,
      org,
      failed.map((f) => f.id),
    );
    if (n > 0) {
      await recordAudit(tx, auditActor(actor), {
        organisationId: org.id,
        action: "app-invitations.resent-failed",
        targetType: "organisation",
        targetId: org.id,
        details: { count: n },
      });
    }
    return n;
  });
}
