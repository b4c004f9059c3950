import { randomUUID } from "node:crypto";
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { appInvitations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { enqueueMails } from "@/lib/mail/enqueue-mail";
import { authorize } from "@/lib/permissions";
import { findOrgServer } from "@/lib/servers/find-org-server";
import { locale, multiline, type RawInput } from "@/lib/validation";
import { getAppLinks } from "./app-links";
import { prepareInvitationMail } from "./invitation-mail";
import { checkRecipients, MAX_RECIPIENTS, type RejectedRecipient } from "./recipients";

export const MESSAGE_MAX = 2000;

export const sendAppInvitationsSchema = z.object({
  serverId: z.string().min(1).max(64),
  message: multiline(MESSAGE_MAX).optional(),
  defaultLocale: locale,
  recipients: z
    .array(
      z
        .object({ name: z.unknown(), email: z.unknown(), loginName: z.unknown(), locale: z.unknown() })
        .partial(),
    )
    .min(1, { error: "no-recipients" })
    .max(MAX_RECIPIENTS, { error: "too-many-recipients" }),
});
export type SendAppInvitationsInput = RawInput<typeof sendAppInvitationsSchema>;

export type SendResult = { batchId: string; queued: number; rejected: RejectedRecipient[] };

/**
 * Invites people to the mobile apps for one server of the caller's organisation (admins and owners).
 * Every valid recipient gets an invitation stored with its mail in the outbox, in one transaction;
 * invalid ones and those invited to this server within the last day come back with their reason.
 */
export async function sendAppInvitations(
  db: Db,
  actor: Actor,
  raw: SendAppInvitationsInput,
): Promise<SendResult> {
  const { org, input } = authorize(actor, "invitations.send", sendAppInvitationsSchema, raw);
  const { valid, rejected } = checkRecipients(input.recipients, input.defaultLocale);
  const message = input.message?.trim() ? input.message.trim() : null;
  const batchId = randomUUID();
  return db.transaction(async (tx) => {
    const server = await findOrgServer(tx, org.id, input.serverId, { lock: false });
    // One sender at a time per server, so two admins cannot both pass the once-a-day check.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`app-invitations:${server.id}`}))`);
    const emails = valid.map((r) => r.email);
    const recent = emails.length
      ? await tx
          .select({ email: appInvitations.email })
          .from(appInvitations)
          .where(
            and(
              eq(appInvitations.serverId, server.id),
              inArray(appInvitations.email, emails),
              gt(appInvitations.lastQueuedAt, sql`now() - interval '1 day'`),
            ),
          )
      : [];
    const already = new Set(recent.map((r) => r.email));
    const sendable = valid.filter((r) => !already.has(r.email));
    for (const r of valid) {
      if (already.has(r.email))
        rejected.push({ line: r.line, input: r.email, field: "email", reason: "already-invited" });
    }
    rejected.sort((a, b) => a.line - b.line);
    if (sendable.length === 0) return { batchId, queued: 0, rejected };
    const links = await getAppLinks(tx);
    const outboxIds = await enqueueMails(
      tx,
      sendable.map((recipient) =>
        prepareInvitationMail({
          organisationId: org.id,
          organisationName: org.name,
          serverCode: server.code,
          sender: { name: actor.name, email: actor.email },
          links,
          recipient,
          message,
        }),
      ),
    );
    const rows = sendable.map((r, i) => ({
      organisationId: org.id,
      serverId: server.id,
      batchId,
      recipientName: r.name ?? "",
      email: r.email,
      loginName: r.loginName,
      locale: r.locale,
      message,
      outboxId: outboxIds[i]!,
      sentByUserId: actor.userId,
    }));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(appInvitations).values(rows.slice(i, i + 500));
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "app-invitations.sent",
      targetType: "server",
      targetId: server.id,
      details: { batchId, queued: sendable.length, rejected: rejected.length },
    });
    return { batchId, queued: sendable.length, rejected };
  });
}
