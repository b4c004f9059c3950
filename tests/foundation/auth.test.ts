import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { mailOutbox, userSessions } from "@/db/schema";
import { loadActor } from "@/lib/auth/load-actor";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { requestSignInLink } from "@/lib/auth/request-sign-in-link";
import { resetPassword } from "@/lib/auth/reset-password";
import { revokeUserSession } from "@/lib/auth/sessions";
import { ACCOUNT_FAILURE_LIMIT, SIGN_IN } from "@/lib/auth/sign-in-throttle";
import { signInWithLink } from "@/lib/auth/sign-in-with-link";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { AppError } from "@/lib/errors";
import { safeCallbackUrl } from "@/lib/web/safe-redirect";
import { db } from "@/tests/setup/db";
import { makeUser, uniq } from "../setup/factories";

const ip = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const code = async (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

function tokenFrom(text: string, path: string): string {
  const m = text.match(new RegExp(`${path.replace("?", "\\?")}token=([A-Za-z0-9_-]+)`));
  if (!m?.[1]) throw new Error(`no token for ${path}`);
  return m[1];
}

describe("password sign-in", () => {
  it("opens a server-side session that loadActor accepts until it is revoked", async () => {
    const user = await makeUser({ password: "a-password-123" });
    const r = await signInWithPassword(db, {
      email: user.email.toUpperCase(),
      password: "a-password-123",
      ip: ip(),
      userAgent: "t",
    });
    expect(r.userId).toBe(user.id);
    const actor = await loadActor(db, { sessionToken: r.sessionToken, preferredOrgId: null, ip: null });
    expect(actor?.email).toBe(user.email);
    await revokeUserSession(db, r.sessionToken);
    expect(await loadActor(db, { sessionToken: r.sessionToken, preferredOrgId: null, ip: null })).toBeNull();
  });

  it("a session past its expiry is no session", async () => {
    const user = await makeUser({ password: "a-password-123" });
    const r = await signInWithPassword(db, {
      email: user.email,
      password: "a-password-123",
      ip: ip(),
      userAgent: null,
    });
    await db
      .update(userSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(userSessions.userId, user.id));
    expect(await loadActor(db, { sessionToken: r.sessionToken, preferredOrgId: null, ip: null })).toBeNull();
  });

  it("answers an unknown address and a wrong password alike", async () => {
    const user = await makeUser({ password: "a-password-123" });
    expect(
      await code(
        signInWithPassword(db, { email: user.email, password: "nope-nope-nope", ip: ip(), userAgent: null }),
      ),
    ).toBe("unauthenticated");
    expect(
      await code(
        signInWithPassword(db, {
          email: `x-${uniq()}@test.example`,
          password: "nope",
          ip: ip(),
          userAgent: null,
        }),
      ),
    ).toBe("unauthenticated");
  });

  it("refuses even the right password from an address after too many failures from it, and a reset by mail lifts that", async () => {
    const user = await makeUser({ password: "a-password-123" });
    const guesser = ip();
    const signIn = (password: string, from = guesser) =>
      code(signInWithPassword(db, { email: user.email, password, ip: from, userAgent: null }));
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++)
      expect(await signIn(`wrong-${i}`)).toBe("unauthenticated");
    const blocked = await signInWithPassword(db, {
      email: user.email,
      password: "a-password-123",
      ip: guesser,
      userAgent: null,
    }).catch((e) => e);
    expect(blocked).toBeInstanceOf(AppError);
    expect(blocked.code).toBe("rate-limited");
    expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);

    await requestPasswordReset(db, { email: user.email, ip: ip() });
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, user.email));
    await resetPassword(db, {
      input: {
        token: tokenFrom(mail!.text, "/reset-password?"),
        password: "brand-new-pass-1",
        confirm: "brand-new-pass-1",
      },
      ip: null,
    });
    expect(await signIn("brand-new-pass-1")).toBe("ok");
  });

  it("a stranger cannot keep an owner's password sign-in locked from elsewhere", async () => {
    const user = await makeUser({ password: "a-password-123" });
    const home = ip();
    const signIn = (password: string, from: string) =>
      code(signInWithPassword(db, { email: user.email, password, ip: from, userAgent: null }));
    expect(await signIn("a-password-123", home)).toBe("ok");
    const stranger = ip();
    const tries = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(`wrong-${i}`, stranger)));
    expect(tries.filter((c) => c === "unauthenticated")).toHaveLength(ACCOUNT_FAILURE_LIMIT);
    expect(await signIn("a-password-123", home)).toBe("ok");
    expect(await signIn("a-password-123", ip())).toBe("ok");

    // Many strangers together reach the account's ceiling: then only addresses it signed in from pass.
    // The stranger's five failures count towards it too.
    for (let round = ACCOUNT_FAILURE_LIMIT; round < SIGN_IN.ceiling; round += 5) {
      const batch = await Promise.all(
        Array.from({ length: 5 }, (_, i) => signIn(`spray-${round + i}`, ip())),
      );
      expect(batch).toEqual(batch.map(() => "unauthenticated"));
    }
    expect(await signIn("a-password-123", ip())).toBe("rate-limited");
    expect(await signIn("a-password-123", home)).toBe("ok");
  });

  it("throttles one address trying many accounts", async () => {
    const from = ip();
    for (let i = 0; i < 30; i++) {
      await code(
        signInWithPassword(db, {
          email: `spray-${i}-${uniq()}@test.example`,
          password: "x",
          ip: from,
          userAgent: null,
        }),
      );
    }
    const user = await makeUser({ password: "a-password-123" });
    expect(
      await code(
        signInWithPassword(db, { email: user.email, password: "a-password-123", ip: from, userAgent: null }),
      ),
    ).toBe("rate-limited");
    expect(
      await code(
        signInWithPassword(db, { email: user.email, password: "a-password-123", ip: ip(), userAgent: null }),
      ),
    ).toBe("ok");
  });
});

describe("e-mail links", () => {
  it("a sign-in link works once, in the user's language, and nothing is sent for unknown addresses", async () => {
    const user = await makeUser({ locale: "en" });
    await requestSignInLink(db, { email: user.email, ip: ip() });
    const unknown = `nobody-${uniq()}@test.example`;
    await requestSignInLink(db, { email: unknown, ip: ip() });
    expect(await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, unknown))).toHaveLength(0);
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, user.email));
    expect(mail?.subject).toBe("Your sign-in link for the UCConnect portal");
    expect(mail?.html).toContain('<html lang="en">');
    const token = tokenFrom(mail!.text, "/sign-in/link?");
    const first = await signInWithLink(db, { token, ip: null, userAgent: null });
    expect(first.userId).toBe(user.id);
    expect(await code(signInWithLink(db, { token, ip: null, userAgent: null }))).toBe("unauthenticated");
  });

  it("a password reset ends every session of the account", async () => {
    const user = await makeUser({ password: "a-password-123" });
    const s = await signInWithPassword(db, {
      email: user.email,
      password: "a-password-123",
      ip: ip(),
      userAgent: null,
    });
    await requestPasswordReset(db, { email: user.email, ip: ip() });
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, user.email));
    const token = tokenFrom(mail!.text, "/reset-password?");
    expect(
      await code(resetPassword(db, { input: { token, password: "short", confirm: "short" }, ip: null })),
    ).toBe("validation");
    await resetPassword(db, {
      input: { token, password: "another-pass-12", confirm: "another-pass-12" },
      ip: null,
    });
    expect(await loadActor(db, { sessionToken: s.sessionToken, preferredOrgId: null, ip: null })).toBeNull();
    const live = await db.select().from(userSessions).where(eq(userSessions.userId, user.id));
    expect(live.every((r) => r.revokedAt)).toBe(true);
    expect(
      await code(
        resetPassword(db, {
          input: { token, password: "third-pass-123", confirm: "third-pass-123" },
          ip: null,
        }),
      ),
    ).toBe("gone");
  });
});

describe("callback URLs", () => {
  it.each([
    ["/servers?x=1", "/servers?x=1"],
    ["https://evil.example/", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["javascript:alert(1)", "/"],
    [42, "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });
});
