import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { env } from "@/lib/env";
import { AppError, validationError } from "@/lib/errors";
import { enqueueMail } from "@/lib/mail/enqueue-mail";
import { hitRateLimit, retryAfterSeconds } from "@/lib/rate-limit/hit-rate-limit";
import { recordAcceptances } from "@/lib/terms/record-acceptances";
import { email, locale, newPassword, parseInput, type RawInput, text } from "@/lib/validation";
import { safeCallbackUrl } from "@/lib/web/safe-redirect";
import { currentSignUpDocuments, SIGN_UP_TERMS } from "./sign-up-documents";
import { sendVerificationLink } from "./verification-link";

/** Sign-ups one client address may start per hour, and one e-mail address per day. */
export const SIGN_UP_LIMITS = {
  perIp: { count: 5, windowSeconds: 60 * 60 },
  perEmail: { count: 3, windowSeconds: 24 * 60 * 60 },
} as const;

const version = z.string().trim().max(50).optional();

export const signUpSchema = z
  .object({
    company: text(200),
    name: text(120),
    email,
    password: newPassword,
    confirm: z.string({ error: "required" }),
    locale,
    // A ticked checkbox sends "on"; callers with typed input say true. Unticked sends nothing.
    accept: z.union([z.literal("on"), z.literal(true)], { error: "must-accept" }),
    // The versions the page showed: consent is to those, so a newer one published meanwhile refuses.
    licenseTermsVersion: version,
    privacyPolicyVersion: version,
    // Where to go once the address is verified (a self-started trial's claim form, say): on-site only.
    next: z.string().max(2000).optional().transform(nextPath),
  })
  .refine((v) => v.password === v.confirm, {
    path: ["confirm"],
    error: "mismatch",
    // Also when other fields are wrong, so every field shows its message at once.
    when: (p) => {
      const v = p.value as { password?: unknown; confirm?: unknown } | undefined;
      return typeof v?.password === "string" && typeof v.confirm === "string";
    },
  });
export type SignUpInput = RawInput<typeof signUpSchema>;

/** An on-site path to continue at after verifying, or null (none, or one that would leave the site). */
function nextPath(value: string | undefined): string | null {
  const path = safeCallbackUrl(value);
  return value && path !== "/" ? path : null;
}

/** The same for a new address and one that has an account: nobody learns which it was. */
export type SignUpResult = { email: string };

/**
 * An anonymous visitor creates an account and an organisation, with themselves as its owner and
 * consent to the current license terms and privacy policy recorded for it (source "portal"). The
 * account stays unverified, unable to sign in with its password, until the link mailed to it is
 * used (lib/accounts/verify-email.ts); unverified accounts go after 7 days
 * (delete-unverified-accounts.ts).
 *
 * An address that already has an account gets the same answer and creates nothing: its owner gets
 * a mail saying so instead. The password is hashed either way, so both take about as long.
 */
export async function signUp(db: Db, opts: { input: SignUpInput; ip: string | null }): Promise<SignUpResult> {
  const input = parseInput(signUpSchema, opts.input);
  const docs = await currentSignUpDocuments(db);
  const shown = { "license-terms": input.licenseTermsVersion, "privacy-policy": input.privacyPolicyVersion };
  const outdated = SIGN_UP_TERMS.some((kind) => {
    const doc = docs.find((d) => d.kind === kind);
    return !doc || doc.version !== shown[kind];
  });
  if (outdated) throw validationError([{ field: "accept", message: "terms-outdated" }], "Terms changed");
  await limitSignUps(db, input.email, opts.ip);

  // Hashed before anyone knows whether the address is taken: both answers cost the same argon2 time.
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email: input.email, name: input.name, passwordHash, locale: input.locale })
      .onConflictDoNothing()
      .returning();
    if (!user) return tellExistingAccount(tx, input.email, input.next);
    const [org] = await tx.insert(organisations).values({ name: input.company }).returning();
    await tx.insert(memberships).values({ organisationId: org!.id, userId: user.id, role: "owner" });
    const by = { userId: user.id, label: user.email, ip: opts.ip };
    const accepted = await recordAcceptances(
      tx,
      docs,
      { organisationId: org!.id },
      { source: "portal", acceptedBy: user.email, acceptedByUserId: user.id, ip: opts.ip },
    );
    await recordAudit(tx, by, {
      organisationId: org!.id,
      action: "account.signed-up",
      targetType: "user",
      targetId: user.id,
      details: { documents: accepted.map((d) => `${d.kind}@${d.version}`) },
    });
    await sendVerificationLink(tx, user, org!.id, input.next);
  });
  return { email: input.email };
}

/** Counted only for well-formed sign-ups, so correcting a typo costs nothing. */
async function limitSignUps(db: Db, address: string, ip: string | null): Promise<void> {
  const { perIp, perEmail } = SIGN_UP_LIMITS;
  const byIp = ip ? await hitRateLimit(db, `sign-up-ip:${ip}`, perIp.windowSeconds) : null;
  if (byIp && byIp.count > perIp.count) {
    throw new AppError("rate-limited", "Too many sign-ups", { retryAfterSeconds: retryAfterSeconds(byIp) });
  }
  const byEmail = await hitRateLimit(db, `sign-up:${address}`, perEmail.windowSeconds);
  if (byEmail.count > perEmail.count) {
    throw new AppError("rate-limited", "Too many sign-ups", {
      retryAfterSeconds: retryAfterSeconds(byEmail),
    });
  }
}

/**
 * The address has an account: nothing is created, and its owner hears of the attempt with plain
 * links to sign in or reset the password (no token: whoever typed the address gains nothing).
 * A disabled account gets no mail; the answer on the page is the same anyway.
 */
async function tellExistingAccount(tx: Tx, address: string, next: string | null): Promise<void> {
  const [user] = await tx.select().from(users).where(eq(users.email, address));
  if (!user || user.disabledAt) return;
  const appUrl = env().APP_URL.replace(/\/$/, "");
  await enqueueMail(tx, {
    template: "account-exists",
    to: user.email,
    toName: user.name,
    locale: user.locale,
    props: {
      name: user.name,
      signInUrl: `${appUrl}/sign-in${next ? `?callbackUrl=${encodeURIComponent(next)}` : ""}`,
      resetUrl: `${appUrl}/forgot-password`,
    },
  });
}
