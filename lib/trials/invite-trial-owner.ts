import type { DbOrTx } from "@/db/client";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { createMemberInvitation, INVITATION_DAYS } from "@/lib/orgs/member-invitations";

export type TrialOwnerInvitation = {
  organisationId: string;
  organisationName: string;
  contactName: string;
  contactEmail: string;
  locale: "de" | "en";
  endsAt: Date;
  serverPreRegistered: boolean;
  invitedBy: { userId: string; name: string };
};

/**
 * Invites a trial's contact as the owner of the prospect's organisation: a random single-use link,
 * stored hashed, in an account invitation e-mail written to the outbox in the caller's transaction.
 * No password is ever part of it.
 */
export async function inviteTrialOwner(db: DbOrTx, inv: TrialOwnerInvitation): Promise<void> {
  const { url } = await createMemberInvitation(db, {
    organisationId: inv.organisationId,
    email: inv.contactEmail,
    role: "owner",
    locale: inv.locale,
    invitedByUserId: inv.invitedBy.userId,
  });
  await enqueueMail(db, {
    template: "trial-invitation",
    to: inv.contactEmail,
    toName: inv.contactName,
    locale: inv.locale,
    organisationId: inv.organisationId,
    props: {
      organisationName: inv.organisationName,
      contactName: inv.contactName,
      invitedBy: inv.invitedBy.name,
      trialDays: env().TRIAL_DAYS,
      endsAt: inv.endsAt.toISOString(),
      serverPreRegistered: inv.serverPreRegistered,
      url,
      expiresInDays: INVITATION_DAYS,
    },
  });
}
