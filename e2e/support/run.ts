import path from "node:path";

/** Shared by the Playwright config, the web-server script and the fixtures of one run. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;
export const E2E_DIR = path.resolve(".data", "e2e");
// Per port, so two runs on one machine (E2E_PORT=…) never read or clear each other's mail.
export const MAILBOX_DIR = path.join(E2E_DIR, `mailbox-${E2E_PORT}`);
export const E2E_AUTH_SECRET = "e2e-secret-e2e-secret-e2e-secret-012345";

// The connectivity checker of the portal under test asks this DNS server (the journey starts
// dnsmasq there) and trusts this CA (serve.ts makes it before the portal starts; the journey issues
// its proxy's certificate from it). Both per port, like the mailbox.
export const E2E_DNS_PORT = Number(process.env.E2E_DNS_PORT ?? E2E_PORT + 53);
export const E2E_CA_DIR = path.join(E2E_DIR, `connectivity-ca-${E2E_PORT}`);

export function e2eDatabaseUrl(): string {
  const run = process.env.E2E_RUN_ID;
  if (!run) throw new Error("E2E_RUN_ID is not set (playwright.config.ts sets it)");
  return `postgres://postgres@127.0.0.1:5432/portal_e2e_${run}`;
}
