import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { memberInvitations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";

import { parseInput, type RawInput, rowId } from "@/lib/validation";

export const revokeMemberInvitationSchema = z.object({ invitationId: rowId });

/** Withdraws an open invitation of the caller's organisation; another organisation's is not found. */
export async function revokeMemberInvitation(
  db: Db,
  actor: Actor,
  raw: RawInput<typeof revokeMemberInvitationSchema>,
): Promise<void> {
  const org = requirePermission(actor, "members.invite");
  const { invitationId } = parseInput(revokeMemberInvitationSchema, raw);
  if (!invitationId) throw notFound("Invitation not found");
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(memberInvitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(memberInvitations.id, invitationId),
          eq(memberInvitations.organisationId, org.id),
          isNull(memberInvitations.acceptedAt),
          isNull(memberInvitations.revokedAt),
        ),
      )
      .returning({ id: memberInvitations.id, email: memberInvitations.email });
    if (!row) throw notFound("Invitation not found");
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "member.invitation-revoked",
      targetType: "member-invitation",
      targetId: row.id,
      details: { email: row.email },
    });
  });
}
