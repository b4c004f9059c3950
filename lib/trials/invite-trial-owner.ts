import type { DbOrTx } from "@/db/client";
import { memberInvitations } from "@/db/schema";
import { randomToken, sha256 } from "@/lib/crypto";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { INVITATION_DAYS } from "@/lib/orgs/invite-member";

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
  const token = randomToken();
  await db.insert(memberInvitations).values({
    organisationId: inv.organisationId,
    email: inv.contactEmail,
    role: "owner",
    locale: inv.locale,
    tokenHash: sha256(token),
    invitedByUserId: inv.invitedBy.userId,
    expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
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
      url: `${env().APP_URL}/accept-invitation?token=${token}`,
      expiresInDays: INVITATION_DAYS,
    },
  });
}
