import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { type ConnectivityResultRow, serverConnectivity } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { hitRateLimit, retryAfterSeconds } from "@/lib/rate-limit/hit-rate-limit";
import { findOrgServer } from "@/lib/servers/find-org-server";
import type { RawInput } from "@/lib/validation";
import { type CheckerConfig, checkerConfig, runChecks } from "./checks";
import { recordCheckResults } from "./record-check-results";
import { claimRun, releaseRun } from "./run-lock";

/** The checker strangers steer: a few runs per organisation, not a scanner in a loop. */
export const RUN_WINDOW_SECONDS = 10 * 60;
export const RUNS_PER_WINDOW = 20;

/** What runs the network checks; the real checker unless a test needs none of the network. */
export type CheckRunner = typeof runChecks;

export type RunCheckOptions = { runner?: CheckRunner; config?: CheckerConfig };

export const runConnectivityChecksSchema = z.object({
  server: z.string().trim().min(1).max(64),
  // For this run only: handed to the checker, never stored, logged or echoed back to the form.
  turnSecret: z
    .string()
    .max(256, { error: "too-long" })
    .optional()
    .transform((v) => (v === undefined || v === "" ? undefined : v)),
});
export type RunConnectivityChecksInput = RawInput<typeof runConnectivityChecksSchema>;

/**
 * An owner or admin runs a server's checks now, in the request: each check ends within the
 * checker's timeout (a few seconds), and only a request may carry the TURN secret, which must never
 * reach a job's payload. Refused with `rate-limited` past RUNS_PER_WINDOW runs in the organisation,
 * and with `conflict` (reason `running`) while another run of the server is under way, or
 * (`not-saved`) before a scenario was saved. Returns the stored results.
 */
export async function runConnectivityChecks(
  db: Db,
  actor: Actor,
  raw: RunConnectivityChecksInput,
  opts: RunCheckOptions = {},
): Promise<ConnectivityResultRow[]> {
  const { org, input } = authorize(actor, "connectivity.manage", runConnectivityChecksSchema, raw);
  const server = await findOrgServer(db, org.id, input.server, { lock: false });
  const [settings] = await db
    .select({ inputs: serverConnectivity.inputs, savedAt: serverConnectivity.updatedAt })
    .from(serverConnectivity)
    .where(eq(serverConnectivity.serverId, server.id));
  if (!settings) throw new AppError("conflict", "Save a scenario first", { reason: "not-saved" });
  const window = await hitRateLimit(db, `connectivity-run:${org.id}`, RUN_WINDOW_SECONDS);
  if (window.count > RUNS_PER_WINDOW) {
    throw new AppError("rate-limited", "Too many check runs", {
      retryAfterSeconds: retryAfterSeconds(window),
    });
  }
  if (!(await claimRun(db, server.id))) {
    throw new AppError("conflict", "The checks of this server are running", { reason: "running" });
  }
  try {
    const results = await (opts.runner ?? runChecks)(settings.inputs, {
      config: opts.config ?? checkerConfig(),
      turnSecret: input.turnSecret,
    });
    return await db.transaction((tx) =>
      recordCheckResults(tx, {
        serverId: server.id,
        results,
        firstResultIsNews: false,
        setupSavedAt: settings.savedAt,
      }),
    );
  } catch (error) {
    // Storing the results ends the run's mark; a run that failed before ends it here.
    await releaseRun(db, server.id);
    throw error;
  }
}
