import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { mailOutbox, userSessions } from "@/db/schema";
import { loadActor } from "@/lib/auth/load-actor";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { requestSignInLink } from "@/lib/auth/request-sign-in-link";
import { resetPassword } from "@/lib/auth/reset-password";
import { revokeUserSession } from "@/lib/auth/sessions";
import { ACCOUNT_FAILURE_LIMIT } from "@/lib/auth/sign-in-throttle";
import { signInWithLink } from "@/lib/auth/sign-in-with-link";
import { signInWithPassword } from "@/lib/auth/sign-in-with-password";
import { AppError } from "@/lib/errors";
import { safeCallbackUrl } from "@/lib/http/safe-redirect";
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

  it("refuses even the right password after too many failures, and a reset by mail lifts that", async () => {
    const user = await makeUser({ password: "a-password-123" });
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      expect(
        await code(
          signInWithPassword(db, { email: user.email, password: `wrong-${i}`, ip: ip(), userAgent: null }),
        ),
      ).toBe("unauthenticated");
    }
    const blocked = await signInWithPassword(db, {
      email: user.email,
      password: "a-password-123",
      ip: ip(),
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
    expect(
      await code(
        signInWithPassword(db, {
          email: user.email,
          password: "brand-new-pass-1",
          ip: ip(),
          userAgent: null,
        }),
      ),
    ).toBe("ok");
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
