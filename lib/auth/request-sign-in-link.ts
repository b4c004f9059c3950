import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { hitRateLimit, retryAfterSeconds } from "@/lib/rate-limit/hit-rate-limit";
import { email, parseInput } from "@/lib/validation";
import { issueAuthToken } from "./auth-tokens";

export const requestLinkSchema = z.object({ email });
export const SIGN_IN_LINK_MINUTES = 15;

/**
 * Sends a one-time sign-in link to a known, active account. The answer is the same whether the
 * account exists or not, so the form tells nobody who has an account.
 */
export async function requestSignInLink(db: Db, opts: { email: unknown; ip: string | null }): Promise<void> {
  const { email: address } = parseInput(requestLinkSchema, { email: opts.email });
  const perAccount = await hitRateLimit(db, `sign-in-link:${address}`, 15 * 60);
  const perIp = opts.ip ? await hitRateLimit(db, `sign-in-link-ip:${opts.ip}`, 15 * 60) : null;
  if (perAccount.count > 5 || (perIp && perIp.count > 30)) {
    const w = perIp && perIp.count > 30 ? perIp : perAccount;
    throw new AppError("rate-limited", "Too many links requested", {
      retryAfterSeconds: retryAfterSeconds(w),
    });
  }
  const [user] = await db.select().from(users).where(eq(users.email, address));
  if (!user || user.disabledAt) return;
  await db.transaction(async (tx) => {
    const token = await issueAuthToken(tx, user.id, "sign-in-link", SIGN_IN_LINK_MINUTES);
    await enqueueMail(tx, {
      template: "sign-in-link",
      to: user.email,
      toName: user.name,
      locale: user.locale,
      props: {
        name: user.name,
        url: `${env().APP_URL}/sign-in/link?token=${token}`,
        expiresInMinutes: SIGN_IN_LINK_MINUTES,
      },
    });
  });
}
