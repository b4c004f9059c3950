import type { NextAuthOptions } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { errorFields, log } from "@/lib/log";
import { db } from "@/lib/server/portal";
import { CLIENT_IP_HEADER } from "@/lib/web/client-ip";
import { revokeUserSession } from "./sessions";
import { signInWithLink } from "./sign-in-with-link";
import { signInWithPassword } from "./sign-in-with-password";

type Headers = Record<string, string | string[] | undefined> | undefined;
const header = (h: Headers, name: string) => {
  const v = h?.[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
};

/** next-auth reports a thrown error's message to the sign-in form; we send stable codes only. */
function toSignInError(error: unknown): never | null {
  if (isAppError(error)) {
    if (error.code === "unauthenticated") return null;
    if (error.reason === "unverified") throw new Error("unverified");
    throw new Error(
      error.code === "rate-limited" ? `rate-limited:${error.retryAfterSeconds ?? 60}` : error.code,
    );
  }
  log("auth").error(errorFields(error), "sign-in failed");
  throw new Error("unexpected");
}

/**
 * next-auth carries only a random session token in its signed cookie; the session itself lives in
 * `user_sessions`, so sign-out, expiry and password resets take effect on the server at once.
 */
export function authOptions(): NextAuthOptions {
  const e = env();
  return {
    secret: e.AUTH_SECRET,
    session: { strategy: "jwt", maxAge: e.SESSION_MAX_AGE_HOURS * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    providers: [
      Credentials({
        id: "credentials",
        name: "Password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          try {
            const r = await signInWithPassword(db, {
              email: credentials?.email,
              password: credentials?.password,
              ip: header(req.headers, CLIENT_IP_HEADER),
              userAgent: header(req.headers, "user-agent"),
            });
            return { id: r.userId, sessionToken: r.sessionToken };
          } catch (error) {
            return toSignInError(error);
          }
        },
      }),
      Credentials({
        id: "email-link",
        name: "E-mail link",
        credentials: { token: { type: "text" } },
        async authorize(credentials, req) {
          try {
            const r = await signInWithLink(db, {
              token: credentials?.token,
              ip: header(req.headers, CLIENT_IP_HEADER),
              userAgent: header(req.headers, "user-agent"),
            });
            return { id: r.userId, sessionToken: r.sessionToken };
          } catch (error) {
            return toSignInError(error);
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user && "sessionToken" in user) token.st = user.sessionToken;
        return token;
      },
      session({ session }) {
        // The browser learns nothing it could replay: no token, no ids.
        return { expires: session.expires, user: { name: session.user?.name, email: session.user?.email } };
      },
      redirect({ url, baseUrl }) {
        if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\")) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === baseUrl) return url;
        } catch {
          // not a URL: fall through
        }
        return baseUrl;
      },
    },
    events: {
      async signOut({ token }) {
        if (typeof token?.st === "string") await revokeUserSession(db, token.st);
      },
    },
  };
}
