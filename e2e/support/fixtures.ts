import { mkdirSync } from "node:fs";
import path from "node:path";
import { type BrowserContext, test as base, expect, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { E2E_AUTH_SECRET, E2E_BASE_URL, E2E_DIR, e2eDatabaseUrl, MAILBOX_DIR } from "./run";

// The fixtures talk to the run's database directly, to seed and to check what did (not) change.
Object.assign(process.env, {
  DATABASE_URL: e2eDatabaseUrl(),
  AUTH_SECRET: E2E_AUTH_SECRET,
  APP_URL: E2E_BASE_URL,
});

const { db } = await import("@/tests/setup/db");
const { createUserSession } = await import("@/lib/auth/sessions");
const factories = await import("@/tests/setup/factories");
const mail = await import("@/tests/support/smtp-sink");

export { db, factories };
export const SCREENSHOT_DIR = path.join(E2E_DIR, "screenshots");
mkdirSync(SCREENSHOT_DIR, { recursive: true });

/** Signs a user in without the form: a real server-side session in a real next-auth cookie. */
export async function signInAs(context: BrowserContext, userId: string) {
  const { token } = await createUserSession(db, { userId, ip: "127.0.0.1", userAgent: "e2e" });
  const value = await encode({ token: { st: token, sub: userId }, secret: E2E_AUTH_SECRET });
  await context.addCookies([
    { name: "next-auth.session-token", value, url: E2E_BASE_URL, httpOnly: true, sameSite: "Lax" },
  ]);
}

export function waitForMail(
  address: string,
  filter?: (m: Awaited<ReturnType<typeof mail.waitForMail>>) => boolean,
) {
  return mail.waitForMail(MAILBOX_DIR, address, filter);
}

/** The first link in a mail's text part that starts with `prefix` (on our base URL). */
export function linkIn(text: string | undefined, prefix: string): string {
  const escapeRegExp = (v: string) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const found = (text ?? "").match(new RegExp(`${escapeRegExp(E2E_BASE_URL + prefix)}\\S+`));
  if (!found) throw new Error(`no ${prefix} link in mail:\n${text}`);
  return found[0];
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/**
 * Every journey also fails on an uncaught error in any of its pages (a hydration mismatch, say,
 * makes React throw away the server's HTML and with it whatever the user had already entered) and
 * on anything the Content-Security-Policy blocked: a script without its nonce would leave the page
 * dead to clicks.
 */
export const test = base.extend<{ pageErrors: undefined }>({
  pageErrors: [
    async ({ context }, use) => {
      const errors: string[] = [];
      context.on("weberror", (e) => errors.push(`${e.page()?.url()}: ${e.error().message}`));
      context.on("console", (m) => {
        if (m.type() === "error" && /Content Security Policy/i.test(m.text())) {
          errors.push(`${m.page()?.url()}: ${m.text()}`);
        }
      });
      await use(undefined);
      expect(errors, "uncaught errors and CSP violations in the browser").toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };
