import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { sqlRows } from "@/db/sql";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";
import { parseInput, type RawInput } from "@/lib/validation";
import { lockTrial } from "./find-trial";
import { inviteTrialOwner } from "./invite-trial-owner";

export const resendTrialInvitationSchema = z.object({ trialId: z.string().max(64) });

/**
 * Sends the prospect's contact a fresh owner invitation (the old link stops working), for when the
 * first one expired or got lost. Only while nobody has joined the trial's organisation.
 */
export async function resendTrialInvitation(
  db: Db,
  actor: Actor,
  raw: RawInput<typeof resendTrialInvitationSchema>,
): Promise<void> {
  requirePermission(actor, "trials.manage");
  const { trialId } = parseInput(resendTrialInvitationSchema, raw);
  await db.transaction(async (tx) => {
    const trial = await lockTrial(tx, trialId);
    const [t] = await sqlRows<{
      organisation_id: string | null;
      name: string | null;
      contact_name: string | null;
      contact_email: string | null;
      locale: "de" | "en";
      ends_at: string | Date;
      server_id: string | null;
      members: number;
    }>(
      tx,
      sql`select t.organisation_id, o.name, t.contact_name, t.contact_email, t.locale, t.ends_at, t.server_id,
                 (select count(*)::int from memberships m where m.organisation_id = t.organisation_id) as members
            from trials t left join organisations o on o.id = t.organisation_id where t.id = ${trial.id}::uuid`,
    );
    if (!t?.organisation_id || !t.contact_email || !t.name) {
      throw new AppError("conflict", "This trial has no account to invite to");
    }
    if (t.members > 0) throw new AppError("conflict", "The owner has joined already");
    await tx.execute(sql`update member_invitations set revoked_at = now()
                          where organisation_id = ${t.organisation_id}::uuid and accepted_at is null
                            and revoked_at is null`);
    await inviteTrialOwner(tx, {
      organisationId: t.organisation_id,
      organisationName: t.name,
      contactName: t.contact_name ?? t.contact_email,
      contactEmail: t.contact_email,
      locale: t.locale,
      endsAt: new Date(t.ends_at),
      serverPreRegistered: t.server_id !== null,
      invitedBy: { userId: actor.userId, name: actor.name },
    });
    await recordAudit(tx, auditActor(actor), {
      organisationId: null,
      action: "trial.invitation-resent",
      targetType: "trial",
      targetId: trial.id,
      details: { email: t.contact_email },
    });
  });
}
