import type { DbOrTx } from "@/db/client";
import type { Locale } from "@/db/schema";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { hitRateLimit } from "@/lib/rate-limit/hit-rate-limit";
import { claimLinks } from "./claim-links";

/** Claim mails one address receives per day, however many trials name it. */
export const CLAIM_MAILS_PER_ADDRESS_PER_DAY = 1;

/**
 * Tells the contact of a trial a UCServer started by itself how to claim it: one mail, in the
 * trial's locale, written to the outbox in the trial's transaction. Anybody can start a trial and
 * name any address, so an address gets at most one such mail a day (counted in PostgreSQL, in the
 * same transaction); the trial itself starts either way. Returns whether a mail was written.
 */
export async function mailTrialClaim(
  tx: DbOrTx,
  opts: { to: string; locale: Locale; serverCode: string; endsAt: Date },
): Promise<boolean> {
  const window = await hitRateLimit(tx, `trial-claim-mail:${opts.to}`, 86_400);
  if (window.count > CLAIM_MAILS_PER_ADDRESS_PER_DAY) return false;
  const links = claimLinks(env().APP_URL, opts.serverCode);
  await enqueueMail(tx, {
    template: "trial-claim",
    to: opts.to,
    locale: opts.locale,
    organisationId: null,
    props: {
      serverId: links.serverId,
      endsAt: opts.endsAt.toISOString(),
      signUpUrl: links.signUpUrl,
      claimUrl: links.claimUrl,
    },
  });
  return true;
}
