import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { seedReference } from "@/db/seed-reference";
import { renderTemplate, SECRET_TEMPLATES } from "@/emails";
import { resendVerification } from "@/lib/accounts/resend-verification";
import { SIGN_UP_LIMITS, signUp } from "@/lib/accounts/sign-up";
import { verifyEmail } from "@/lib/accounts/verify-email";
import { peekAuthToken } from "@/lib/auth/auth-tokens";
import { loadActor } from "@/lib/auth/load-actor";
import { signInWithLink } from "@/lib/auth/sign-in-with-link";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { AppError } from "@/lib/errors";
import { db } from "@/tests/setup/db";
import * as f from "@/tests/setup/factories";
import { mailsTo, outcome, randomIp, signUpForm, verificationToken } from "./sign-up-support";

beforeAll(() => seedReference(db));

async function userBy(email: string) {
  const [user] = await db.select().from(schema.users).where(eq(schema.users.email, email));
  return user ?? null;
}

async function orgsNamed(name: string) {
  return db.select().from(schema.organisations).where(eq(schema.organisations.name, name));
}

const passwordSignIn = (email: string, password: string) =>
  outcome(signInWithPassword(db, { email, password, ip: randomIp(), userAgent: null }));

describe("signing up", () => {
  it("creates an unverified owner of a new organisation, its consent, an audit entry and a verification mail", async () => {
    const form = await signUpForm(db, { locale: "en" });
    const ip = randomIp();
    expect(await signUp(db, { input: form, ip })).toEqual({ email: form.email });

    const user = await userBy(form.email);
    expect(user).toMatchObject({ name: form.name, locale: "en", emailVerifiedAt: null });
    const [org] = await orgsNamed(form.company);
    expect(org).toBeDefined();
    const members = await db
      .select()
      .from(schema.memberships)
      .where(eq(schema.memberships.organisationId, org!.id));
    expect(members).toMatchObject([{ userId: user!.id, role: "owner" }]);

    const consents = await db
      .select()
      .from(schema.termsAcceptances)
      .where(eq(schema.termsAcceptances.organisationId, org!.id));
    expect(consents.map((c) => `${c.kind}@${c.version}`).sort()).toEqual(
      [`license-terms@${form.licenseTermsVersion}`, `privacy-policy@${form.privacyPolicyVersion}`].sort(),
    );
    for (const c of consents) {
      expect(c).toMatchObject({ source: "portal", serverId: null, acceptedBy: form.email, ip });
      expect(c.acceptedByUserId).toBe(user!.id);
    }

    const audit = await db
      .select()
      .from(schema.auditEvents)
      .where(
        and(
          eq(schema.auditEvents.organisationId, org!.id),
          eq(schema.auditEvents.action, "account.signed-up"),
        ),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: user!.id, targetId: user!.id, ip });

    const mails = await mailsTo(db, form.email);
    expect(mails.map((m) => m.template)).toEqual(["verify-email"]);
    expect(mails[0]!.subject).toMatch(/confirm your e-mail/i);
    const token = await verificationToken(db, form.email);
    expect(await peekAuthToken(db, token, "email-verification")).toBe(true);
    const [stored] = await db
      .select()
      .from(schema.authTokens)
      .where(and(eq(schema.authTokens.userId, user!.id), eq(schema.authTokens.kind, "email-verification")));
    const hours = (stored!.expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it("carries an on-site next path into the verification link, and drops one that would leave the site", async () => {
    const claim = "/servers/claim?serverId=ABCD-EFGH-JKMN";
    const form = await signUpForm(db, { next: claim });
    await signUp(db, { input: form, ip: randomIp() });
    const [mail] = await mailsTo(db, form.email);
    expect(mail!.text).toContain(`&next=${encodeURIComponent(claim)}`);
    for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
      const other = await signUpForm(db, { next });
      await signUp(db, { input: other, ip: randomIp() });
      const [sent] = await mailsTo(db, other.email);
      expect(sent!.text).not.toContain("next=");
      expect(sent!.text).not.toContain("evil");
    }
  });

  it("answers an address that has an account exactly as a new one, creates nothing, and tells the owner by mail", async () => {
    const existing = await f.makeUser({ password: "the-old-password-1", locale: "en" });
    const form = await signUpForm(db, { email: existing.email.toUpperCase() });
    const fresh = await signUpForm(db);
    const answers = [
      await signUp(db, { input: form, ip: randomIp() }),
      await signUp(db, { input: fresh, ip: randomIp() }),
    ];
    expect(answers).toEqual([{ email: existing.email }, { email: fresh.email }]);

    expect(await orgsNamed(form.company)).toEqual([]);
    expect(await db.select().from(schema.users).where(eq(schema.users.email, existing.email))).toHaveLength(
      1,
    );
    expect((await userBy(existing.email))!.name).toBe(existing.name);
    expect(
      await db.select().from(schema.memberships).where(eq(schema.memberships.userId, existing.id)),
    ).toEqual([]);
    expect(
      await db.select().from(schema.authTokens).where(eq(schema.authTokens.userId, existing.id)),
    ).toEqual([]);

    const mails = await mailsTo(db, existing.email);
    expect(mails.map((m) => m.template)).toEqual(["account-exists"]);
    expect(mails[0]!.locale).toBe("en");
    expect(mails[0]!.text).toContain("/sign-in");
    expect(mails[0]!.text).toContain("/forgot-password");
    expect(mails[0]!.text).not.toMatch(/token=/);
    // The old password still signs in: nothing about the account changed.
    expect(await passwordSignIn(existing.email, "the-old-password-1")).toBe("ok");
  });

  it("takes about as long for an address that has an account as for a new one (both hash the password)", async () => {
    const time = async (input: Awaited<ReturnType<typeof signUpForm>>) => {
      const started = performance.now();
      await signUp(db, { input, ip: randomIp() });
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const taken: number[] = [];
    const fresh: number[] = [];
    for (let i = 0; i < 5; i++) {
      taken.push(await time(await signUpForm(db, { email: (await f.makeUser()).email })));
      fresh.push(await time(await signUpForm(db)));
    }
    // Without the hash an address with an account answers in about a third of the time.
    expect(median(taken)).toBeGreaterThan(median(fresh) * 0.6);
  });

  it("limits sign-ups per client address, and creates nothing past the limit", async () => {
    const ip = randomIp();
    for (let i = 0; i < SIGN_UP_LIMITS.perIp.count; i++) {
      expect(await outcome(signUp(db, { input: await signUpForm(db), ip }))).toBe("ok");
    }
    const form = await signUpForm(db);
    const refused = await signUp(db, { input: form, ip }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("rate-limited");
    expect((refused as AppError).retryAfterSeconds).toBeGreaterThan(0);
    expect((refused as AppError).retryAfterSeconds).toBeLessThanOrEqual(SIGN_UP_LIMITS.perIp.windowSeconds);
    expect(await userBy(form.email)).toBeNull();
    expect(await orgsNamed(form.company)).toEqual([]);
    expect(await mailsTo(db, form.email)).toEqual([]);
    // Another address is not held up by this one.
    expect(await outcome(signUp(db, { input: await signUpForm(db), ip: randomIp() }))).toBe("ok");
  });

  it("limits sign-ups per e-mail address, from any client address", async () => {
    const form = await signUpForm(db);
    for (let i = 0; i < SIGN_UP_LIMITS.perEmail.count; i++) {
      expect(await outcome(signUp(db, { input: form, ip: randomIp() }))).toBe("ok");
    }
    expect(await outcome(signUp(db, { input: form, ip: randomIp() }))).toBe("rate-limited");
    // One account, one verification mail, then "you already have an account" for the repeats.
    expect((await mailsTo(db, form.email)).map((m) => m.template).sort()).toEqual([
      "account-exists",
      "account-exists",
      "verify-email",
    ]);
  });

  it("refuses bad input on every field with its message, and creates nothing", async () => {
    const form = await signUpForm(db, {
      company: "  ",
      name: "Bad\u202Ename",
      email: "not an address",
      password: "short",
      confirm: "other",
      locale: "fr",
      accept: undefined,
    });
    const error = await signUp(db, { input: form, ip: randomIp() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const fields = Object.fromEntries((error as AppError).fields.map((x) => [x.field, x.message]));
    expect(fields).toMatchObject({
      company: "required",
      name: "control-characters",
      email: "invalid-email",
      password: "too-short",
      confirm: "mismatch",
      accept: "must-accept",
    });
    expect(fields.locale).toBeDefined();
    expect(await orgsNamed(form.company)).toEqual([]);

    const mismatch = await signUpForm(db, { confirm: "a-different-password" });
    expect(
      (await signUp(db, { input: mismatch, ip: randomIp() }).catch((e: AppError) => e.fields)) as unknown,
    ).toEqual([{ field: "confirm", message: "mismatch" }]);
    expect(await userBy(mismatch.email)).toBeNull();
    expect(await orgsNamed(mismatch.company)).toEqual([]);
  });

  it("refuses a consent to versions that are not the current ones", async () => {
    const form = await signUpForm(db, { licenseTermsVersion: "1999-01" });
    const error = await signUp(db, { input: form, ip: randomIp() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toEqual([{ field: "accept", message: "terms-outdated" }]);
    expect(await userBy(form.email)).toBeNull();
    expect(await orgsNamed(form.company)).toEqual([]);
  });
});

describe("verifying the address", () => {
  it("an unverified account cannot sign in with its password until its link is used; then it can", async () => {
    const form = await signUpForm(db);
    await signUp(db, { input: form, ip: randomIp() });
    expect(await passwordSignIn(form.email, form.password)).toBe("forbidden:unverified");
    // Without the password it learns nothing: a wrong one is refused as for any account.
    expect(await passwordSignIn(form.email, "not-the-password")).toBe("unauthenticated");

    const { signInToken } = await verifyEmail(db, {
      token: await verificationToken(db, form.email),
      ip: null,
    });
    expect((await userBy(form.email))!.emailVerifiedAt).toBeInstanceOf(Date);
    const session = await signInWithLink(db, { token: signInToken, ip: null, userAgent: null });
    const actor = await loadActor(db, { sessionToken: session.sessionToken, preferredOrgId: null, ip: null });
    expect(actor?.email).toBe(form.email);
    expect(actor?.org).toMatchObject({ name: form.company, role: "owner" });
    expect(await passwordSignIn(form.email, form.password)).toBe("ok");
  });

  it("refuses a used, an expired and an unknown link", async () => {
    const form = await signUpForm(db);
    await signUp(db, { input: form, ip: randomIp() });
    const token = await verificationToken(db, form.email);
    await verifyEmail(db, { token, ip: null });
    expect(await outcome(verifyEmail(db, { token, ip: null }))).toBe("gone");
    expect(await peekAuthToken(db, token, "email-verification")).toBe(false);

    const late = await signUpForm(db);
    await signUp(db, { input: late, ip: randomIp() });
    const user = await userBy(late.email);
    await db
      .update(schema.authTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.authTokens.userId, user!.id));
    expect(await outcome(verifyEmail(db, { token: await verificationToken(db, late.email), ip: null }))).toBe(
      "gone",
    );
    expect((await userBy(late.email))!.emailVerifiedAt).toBeNull();
    expect(await passwordSignIn(late.email, late.password)).toBe("forbidden:unverified");

    expect(await outcome(verifyEmail(db, { token: "x".repeat(43), ip: null }))).toBe("gone");
    expect(await outcome(verifyEmail(db, { token: undefined, ip: null }))).toBe("gone");
  });

  it("a verification link is no sign-in link, and a sign-in link no verification link", async () => {
    const form = await signUpForm(db);
    await signUp(db, { input: form, ip: randomIp() });
    const token = await verificationToken(db, form.email);
    expect(await outcome(signInWithLink(db, { token, ip: null, userAgent: null }))).toBe("unauthenticated");
    const { signInToken } = await verifyEmail(db, { token, ip: null });
    expect(await outcome(verifyEmail(db, { token: signInToken, ip: null }))).toBe("gone");
  });

  it("sends a new link on request to an unverified account only, answering alike for any address", async () => {
    const form = await signUpForm(db);
    await signUp(db, { input: form, ip: randomIp() });
    const first = await verificationToken(db, form.email);
    expect(await outcome(resendVerification(db, { input: { email: form.email }, ip: randomIp() }))).toBe(
      "ok",
    );
    const second = await verificationToken(db, form.email);
    expect(second).not.toBe(first);

    const verified = await f.makeUser();
    const unknown = `nobody-${f.uniq()}@test.example`;
    expect(await outcome(resendVerification(db, { input: { email: verified.email }, ip: randomIp() }))).toBe(
      "ok",
    );
    expect(await outcome(resendVerification(db, { input: { email: unknown }, ip: randomIp() }))).toBe("ok");
    expect(await mailsTo(db, verified.email)).toEqual([]);
    expect(await mailsTo(db, unknown)).toEqual([]);

    // Using one link makes the others useless.
    await verifyEmail(db, { token: second, ip: null });
    expect(await outcome(verifyEmail(db, { token: first, ip: null }))).toBe("gone");
  });

  it("limits requests for a new link", async () => {
    const form = await signUpForm(db);
    await signUp(db, { input: form, ip: randomIp() });
    const ask = () => outcome(resendVerification(db, { input: { email: form.email }, ip: randomIp() }));
    expect([await ask(), await ask(), await ask(), await ask()]).toEqual(["ok", "ok", "ok", "rate-limited"]);
    expect(await outcome(resendVerification(db, { input: { email: "nope" }, ip: null }))).toBe("validation");
  });
});

describe("the sign-up e-mails", () => {
  it("come in German and English; the verification link is a secret, the account-exists mail is not", () => {
    for (const locale of ["de", "en"] as const) {
      const verify = renderTemplate(
        "verify-email",
        { name: "Erika", url: "https://portal.example/verify-email?token=abc", expiresInHours: 24 },
        locale,
      );
      expect(verify.text).toContain("https://portal.example/verify-email?token=abc");
      expect(verify.html).toContain("https://portal.example/verify-email?token=abc");
      const exists = renderTemplate(
        "account-exists",
        {
          name: "Erika",
          signInUrl: "https://p.example/sign-in",
          resetUrl: "https://p.example/forgot-password",
        },
        locale,
      );
      expect(exists.text).toContain("https://p.example/sign-in");
      expect(exists.text).toContain("https://p.example/forgot-password");
    }
    expect(renderTemplate("verify-email", { name: "E", url: "u", expiresInHours: 24 }, "de").subject).toMatch(
      /bestätigen Sie/,
    );
    expect(SECRET_TEMPLATES).toContain("verify-email");
    expect(SECRET_TEMPLATES).not.toContain("account-exists");
  });
});
