import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { memberInvitations, memberships, orgRoleEnum, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { authorize } from "@/lib/permissions";
import { email, locale, type RawInput } from "@/lib/validation";
import { createMemberInvitation, INVITATION_DAYS, openInvitations } from "./member-invitations";

export const inviteMemberSchema = z.object({ email, role: z.enum(orgRoleEnum.enumValues), locale });
export type InviteMemberInput = RawInput<typeof inviteMemberSchema>;

/**
 * Invites a person by e-mail to the caller's organisation. Admins invite members and admins;
 * only owners invite owners. The link's token is random and stored hashed.
 */
export async function inviteMember(db: Db, actor: Actor, raw: InviteMemberInput): Promise<{ id: string }> {
  const { org, input } = authorize(actor, "members.invite", inviteMemberSchema, raw);
  if (input.role === "owner" && org.role !== "owner") {
    throw new AppError("forbidden", "Only owners can invite owners");
  }
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, org.id), eq(users.email, input.email)));
    if (existing) {
      throw new AppError("conflict", "Already a member", {
        fields: [{ field: "email", message: "already-member" }],
      });
    }
    // A new invitation replaces an open one to the same address.
    await tx
      .update(memberInvitations)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(memberInvitations.organisationId, org.id),
          eq(memberInvitations.email, input.email),
          openInvitations(),
        ),
      );
    const inv = await createMemberInvitation(tx, {
      organisationId: org.id,
      email: input.email,
      role: input.role,
      locale: input.locale,
      invitedByUserId: actor.userId,
    });
    await enqueueMail(tx, {
      template: "member-invitation",
      to: input.email,
      locale: input.locale,
      organisationId: org.id,
      props: {
        organisationName: org.name,
        invitedBy: actor.name,
        role: input.role,
        url: inv.url,
        expiresInDays: INVITATION_DAYS,
      },
    });
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "member.invited",
      targetType: "member-invitation",
      targetId: inv.id,
      details: { email: input.email, role: input.role },
    });
    return { id: inv.id };
  });
}
