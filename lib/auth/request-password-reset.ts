import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { hitRateLimit, retryAfterSeconds } from "@/lib/rate-limit/hit-rate-limit";
import { parseInput } from "@/lib/validation";
import { issueAuthToken } from "./auth-tokens";
import { requestLinkSchema } from "./request-sign-in-link";

export const PASSWORD_RESET_MINUTES = 60;

/** Mails a password-reset link to a known account; answers the same for unknown addresses. */
export async function requestPasswordReset(
  db: Db,
  opts: { email: unknown; ip: string | null },
): Promise<void> {
  const { email: address } = parseInput(requestLinkSchema, { email: opts.email });
  const w = await hitRateLimit(db, `password-reset:${address}`, 60 * 60);
  if (w.count > 5)
    throw new AppError("rate-limited", "Too many resets requested", {
      retryAfterSeconds: retryAfterSeconds(w),
    });
  const [user] = await db.select().from(users).where(eq(users.email, address));
  if (!user || user.disabledAt) return;
  await db.transaction(async (tx) => {
    const token = await issueAuthToken(tx, user.id, "password-reset", PASSWORD_RESET_MINUTES);
    await enqueueMail(tx, {
      template: "password-reset",
      to: user.email,
      toName: user.name,
      locale: user.locale,
      props: {
        name: user.name,
        url: `${env().APP_URL}/reset-password?token=${token}`,
        expiresInMinutes: PASSWORD_RESET_MINUTES,
      },
    });
  });
}
