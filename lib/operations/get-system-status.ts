import type { Actor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { LATE_FACTOR, OFFLINE_FACTOR } from "@/lib/heartbeats/sweep-statuses";
import { requirePermission } from "@/lib/permissions";
import { type TurnConfiguration, turnConfiguration } from "@/lib/turn/turn-configuration";

export type SystemStatus = {
  /** Host and port of the SMTP server only: SMTP_URL may carry a user name and password. */
  mail: { smtp: { host: string; port: number | null } | null; from: string };
  turn: TurnConfiguration;
  database: { kind: "postgres" | "pglite" };
  heartbeat: { intervalSeconds: number; lateAfterSeconds: number; offlineAfterSeconds: number };
};

/**
 * How this portal is configured, for operators: what works and what is missing (mail stays in the
 * outbox without SMTP, UCServers get no TURN credentials without a TURN secret). Anyone else is not
 * found. No secret leaves here.
 */
export function getSystemStatus(actor: Actor, opts: { databaseKind: "postgres" | "pglite" }): SystemStatus {
  requirePermission(actor, "system.view");
  const e = env();
  const smtp = e.SMTP_URL ? new URL(e.SMTP_URL) : null;
  const interval = e.HEARTBEAT_INTERVAL_SECONDS;
  return {
    mail: {
      smtp: smtp ? { host: smtp.hostname, port: smtp.port ? Number(smtp.port) : null } : null,
      from: e.MAIL_FROM,
    },
    turn: turnConfiguration(),
    database: { kind: opts.databaseKind },
    heartbeat: {
      intervalSeconds: interval,
      lateAfterSeconds: interval * LATE_FACTOR,
      offlineAfterSeconds: interval * OFFLINE_FACTOR,
    },
  };
}
