import type { DbOrTx } from "@/db/client";
import { type Locale, memberInvitations, type OrgRole } from "@/db/schema";
import { linkStillWorks, newLinkToken, openedByLink } from "@/lib/auth/link-tokens";
import { env } from "@/lib/env";

export const INVITATION_DAYS = 7;

const columns = {
  tokenHash: memberInvitations.tokenHash,
  expiresAt: memberInvitations.expiresAt,
  spent: [memberInvitations.acceptedAt, memberInvitations.revokedAt],
};

/** Invitations still waiting for their person: neither accepted, withdrawn nor expired. */
export const openInvitations = () => linkStillWorks(columns);

/** The invitation a link's token opens while it still works; null for a value that is no token. */
export const invitationOpenedBy = (token: string) => openedByLink(columns, token);

/**
 * Stores an invitation to join an organisation and returns the link for its e-mail. The link is
 * the only place the token exists; the caller sends it in the same transaction.
 */
export async function createMemberInvitation(
  db: DbOrTx,
  values: { organisationId: string; email: string; role: OrgRole; locale: Locale; invitedByUserId: string },
): Promise<{ id: string; url: string }> {
  const { token, ...stored } = newLinkToken(INVITATION_DAYS * 86_400_000);
  const [row] = await db
    .insert(memberInvitations)
    .values({ ...values, ...stored })
    .returning({ id: memberInvitations.id });
  return { id: row!.id, url: `${env().APP_URL}/accept-invitation?token=${token}` };
}
