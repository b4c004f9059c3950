import pino, { type Logger } from "pino";
import { env } from "@/lib/env";

let root: Logger | undefined;

/**
 * The process's structured JSON logger (pino), at LOG_LEVEL. Fields that could carry a secret are
 * redacted wherever they appear; callers pass ids and codes, never tokens, passwords or bodies.
 */
export function logger(): Logger {
  root ??= pino({
    level: env().LOG_LEVEL,
    base: { pid: process.pid },
    redact: {
      paths: ["password", "token", "*.password", "*.token", "authorization", "*.authorization", "cookie"],
      censor: "[redacted]",
    },
  });
  return root;
}

/** A child logger for one area ("ucserver", "mail", …), with fields known there. */
export function log(area: string, fields: Record<string, unknown> = {}): Logger {
  return logger().child({ area, ...fields });
}

/**
 * What of an error may be logged: its class, PostgreSQL or system code and message, never the SQL
 * text or parameters a driver error carries (they hold token hashes and personal data).
 */
export function errorFields(error: unknown): { error: { type: string; code?: string; message: string } } {
  const cause = (error as { cause?: unknown })?.cause ?? error;
  const e = cause as { name?: string; code?: unknown; message?: unknown };
  return {
    error: {
      type: e?.name ?? typeof cause,
      code: typeof e?.code === "string" ? e.code : undefined,
      message: String(e?.message ?? cause)
        .split("\n")[0]!
        .slice(0, 300),
    },
  };
}
