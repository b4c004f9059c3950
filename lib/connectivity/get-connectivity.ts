import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  type ConnectivityFileOptions,
  connectivityResults,
  type Locale,
  serverConnectivity,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import { findOrgServer } from "@/lib/servers/find-org-server";
import { formatServerCode } from "@/lib/servers/server-id";
import { checksFor } from "./checks";
import { pushCheck } from "./push-check";
import { RUN_STALE_SECONDS } from "./run-lock";
import { type ConnectivitySetup, connectivitySetup } from "./setup-files";
import type { CheckId, CheckResult, ConnectivityInputs } from "./types";

/** One check as the page shows it: its latest result, or none before its first run. */
export type CheckView = {
  check: CheckId;
  result: (CheckResult & { checkedAt: Date; stateSince: Date }) | null;
};

export type ConnectivityView = {
  server: { id: string; serverId: string; name: string };
  /** The saved inputs; null before anything was saved. */
  inputs: ConnectivityInputs | null;
  fileOptions: ConnectivityFileOptions;
  saved: { at: Date } | null;
  lastRunAt: Date | null;
  running: boolean;
  /** The scenario's network checks in the checker's order, each with its latest result. */
  checks: CheckView[];
  /** The push check, read live from the heartbeats: the status and when it began, the last heartbeat. */
  push: CheckResult & { stateSince: Date; lastSeenAt: Date | null };
  /** What to set up for the saved inputs; null before they were saved (or when they no longer generate). */
  setup: ConnectivitySetup | null;
};

/**
 * The connectivity assistant of one of the organisation's servers: the saved scenario and inputs,
 * what to set up for them, and the latest result of each check with the push check from the
 * heartbeats. Any member may look; another organisation's server is not found.
 */
export async function getConnectivity(
  db: Db,
  actor: Actor,
  input: { server: string; locale?: Locale },
): Promise<ConnectivityView> {
  const org = requirePermission(actor, "servers.view");
  const server = await findOrgServer(db, org.id, input.server, { lock: false });
  const [settings] = await db
    .select()
    .from(serverConnectivity)
    .where(eq(serverConnectivity.serverId, server.id));
  const rows = settings
    ? await db.select().from(connectivityResults).where(eq(connectivityResults.serverId, server.id))
    : [];
  const byCheck = new Map(rows.map((r) => [r.check, r]));
  const ids = settings ? checksFor(settings.inputs).filter((c) => c !== "push") : [];
  return {
    server: { id: server.id, serverId: formatServerCode(server.code), name: server.name },
    inputs: settings?.inputs ?? null,
    fileOptions: settings?.fileOptions ?? {},
    saved: settings ? { at: settings.updatedAt } : null,
    lastRunAt: settings?.lastRunAt ?? null,
    running:
      !!settings?.runStartedAt && Date.now() - settings.runStartedAt.getTime() < RUN_STALE_SECONDS * 1000,
    checks: ids.map((check) => {
      const r = byCheck.get(check);
      return {
        check,
        result: r
          ? {
              check,
              state: r.state,
              reason: r.reason,
              seen: r.seen,
              durationMs: r.durationMs,
              checkedAt: r.checkedAt,
              stateSince: r.stateSince,
            }
          : null,
      };
    }),
    push: { ...pushCheck(server), stateSince: server.statusChangedAt, lastSeenAt: server.lastSeenAt },
    setup: settings
      ? connectivitySetup(settings.inputs, settings.fileOptions, input.locale ?? actor.locale)
      : null,
  };
}
