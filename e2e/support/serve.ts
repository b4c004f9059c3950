/**
 * The portal as the browser tests see it: a fresh PostgreSQL database, a real SMTP server on
 * loopback whose mail lands in .data/e2e/mailbox, and the production build serving on E2E_PORT.
 * Playwright starts this as its web server and stops it after the run; the database is dropped then.
 */
import { mkdirSync, rmSync } from "node:fs";
import pg from "pg";
import { TEST_PG_ADMIN_URL } from "@/tests/setup/test-database";
import { startSmtpSink } from "@/tests/support/smtp-sink";
import { makeCa } from "@/tests/support/test-ca";
import {
  E2E_AUTH_SECRET,
  E2E_BASE_URL,
  E2E_CA_DIR,
  E2E_DNS_PORT,
  E2E_PORT,
  e2eDatabaseUrl,
  MAILBOX_DIR,
} from "./run";

const url = e2eDatabaseUrl();
const name = new URL(url).pathname.slice(1);
const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
await admin.connect();
await admin.query(`drop database if exists "${name}" with (force)`);
await admin.query(`create database "${name}"`);
await admin.end();

rmSync(MAILBOX_DIR, { recursive: true, force: true });
const smtp = await startSmtpSink({ dir: MAILBOX_DIR });

// A CA for the connectivity journey's proxy certificate, made before the portal reads its settings.
rmSync(E2E_CA_DIR, { recursive: true, force: true });
mkdirSync(E2E_CA_DIR, { recursive: true });
const ca = makeCa(E2E_CA_DIR, "E2E Connectivity CA");

Object.assign(process.env, {
  DATABASE_URL: url,
  SMTP_URL: smtp.url,
  AUTH_SECRET: E2E_AUTH_SECRET,
  APP_URL: E2E_BASE_URL,
  NEXTAUTH_URL: E2E_BASE_URL,
  HOST: "127.0.0.1",
  PORT: String(E2E_PORT),
  HEARTBEAT_INTERVAL_SECONDS: process.env.HEARTBEAT_INTERVAL_SECONDS ?? "2",
  // The checker may reach the journey's peers on loopback, asks its dnsmasq and trusts its CA.
  CONNECTIVITY_ALLOW_CIDRS: "127.0.0.0/8",
  CONNECTIVITY_DNS_SERVERS: `127.0.0.1:${E2E_DNS_PORT}`,
  CONNECTIVITY_CA_FILE: ca.certPath,
});
process.argv.push("--seed-demo");

async function dropDatabase() {
  const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await c.connect();
  await c.query(`drop database if exists "${name}" with (force)`);
  await c.end();
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.prependListener(signal, () => {
    void smtp.close();
    void dropDatabase().finally(() => process.exit(0));
  });
}

await import("@/scripts/start");
