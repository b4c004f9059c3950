import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const bool = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  APP_URL: z.string().url().default("http://localhost:3000"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  SESSION_MAX_AGE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default("UCConnect Portal <no-reply@ucconnect.localhost>"),
  MAIL_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TRUST_PROXY: bool,
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  // UCServer protocol
  HEARTBEAT_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // Heartbeat rows feed the users chart (30 days at most); older ones are deleted.
  HEARTBEAT_RETENTION_DAYS: z.coerce.number().int().min(31).max(3650).default(90),
  STATUS_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  UCSERVER_TOKEN_TTL_HOURS: z.coerce.number().min(0.001).max(24).default(24),
  TRIAL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  // The one extension sales may grant a trial, in days.
  TRIAL_EXTENSION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  TURN_HOST: z.string().min(1).default("turn.ucconnect.localhost"),
  TURN_PORT: z.coerce.number().int().min(1).max(65535).default(3478),
  TURN_SECRET: z.string().min(16).optional(),
  TURN_TTL_SECONDS: z.coerce.number().int().min(60).default(86400),
  // Connectivity checker: the DNS servers it asks (host:port, comma-separated; default: the system's),
  // address ranges it may reach although they are private or loopback (tests only; empty by
  // default), an extra CA it trusts beside the system's (tests only), and each check's timeout.
  CONNECTIVITY_DNS_SERVERS: z.string().optional(),
  CONNECTIVITY_ALLOW_CIDRS: z.string().optional(),
  CONNECTIVITY_CA_FILE: z.string().optional(),
  CONNECTIVITY_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(5000),
});

export type Env = z.infer<typeof schema> & { AUTH_SECRET: string };

let cached: Env | undefined;

/** The validated environment. Parsed once; a bad value stops the process with a readable message. */
export function env(): Env {
  if (cached) return cached;
  // An empty variable (FOO=) means "not set", as it does for most tools.
  const source = Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = { ...parsed.data, AUTH_SECRET: parsed.data.AUTH_SECRET ?? embeddedAuthSecret(parsed.data) };
  return cached;
}

/**
 * Processes sharing one PostgreSQL must share one secret, so it is required there. The embedded
 * database serves one process only, so a secret kept beside its data folder is enough.
 */
function embeddedAuthSecret(e: z.infer<typeof schema>): string {
  if (e.DATABASE_URL) {
    throw new Error("AUTH_SECRET is required when DATABASE_URL is set: every portal process must share it.");
  }
  const file = path.resolve(e.DATA_DIR, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  }
}
