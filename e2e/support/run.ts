import path from "node:path";

/** Shared by the Playwright config, the web-server script and the fixtures of one run. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DIR = path.resolve(".data", "e2e");
// Per port, so two runs on one machine (E2E_PORT=…) never read or clear each other's mail.
export const MAILBOX_DIR = path.join(E2E_DIR, `mailbox-${E2E_PORT}`);
export const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-012345";

export function e2eDatabaseUrl(): string {
  const run = process.env.E2E_RUN_ID;
  if (!run) throw new Error("E2E_RUN_ID is not set (playwright.config.ts sets it)");
  return `postgres://postgres@127.0.0.1:5432/portal_e2e_${run}`;
}
