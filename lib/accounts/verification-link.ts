import type { DbOrTx } from "@/db/client";
import type { User } from "@/db/schema";
import { issueAuthToken } from "@/lib/auth/auth-tokens";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";

export const EMAIL_VERIFICATION_HOURS = 24;

/**
 * Issues a one-time link that confirms the account's e-mail address (24 h, single use, stored
 * hashed) and queues its mail, in the caller's transaction: the link exists exactly when its mail
 * does.
 */
export async function sendVerificationLink(
  tx: DbOrTx,
  user: Pick<User, "id" | "email" | "name" | "locale">,
  organisationId: string | null = null,
  /** An on-site path the verified person continues at (checked by the caller). */
  next: string | null = null,
): Promise<void> {
  const token = await issueAuthToken(tx, user.id, "email-verification", EMAIL_VERIFICATION_HOURS * 60);
  await enqueueMail(tx, {
    template: "verify-email",
    to: user.email,
    toName: user.name,
    locale: user.locale,
    organisationId,
    props: {
      name: user.name,
      url: `${env().APP_URL}/verify-email?token=${token}${next ? `&next=${encodeURIComponent(next)}` : ""}`,
      expiresInHours: EMAIL_VERIFICATION_HOURS,
    },
  });
}
