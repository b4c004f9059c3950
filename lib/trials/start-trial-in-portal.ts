import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { sqlRows } from "@/db/sql";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { formatServerCode } from "@/lib/servers/server-id";
import type { RawInput } from "@/lib/validation";
import { lockOrgTrial } from "./carry-trial";
import { organisationHadTrial } from "./organisation-had-trial";
import { startTrial } from "./start-trial";
import { TRIAL_USED } from "./trial-codes";

/** The button sends nothing but itself. */
export const startTrialInPortalSchema = z.object({});
export type StartTrialInPortalInput = RawInput<typeof startTrialInPortalSchema>;

export type StartedPortalTrial = {
  trialId: string;
  endsAt: Date;
  /** The Server-ID of the organisation's server that carries the trial now; null until one is registered or claimed. */
  serverId: string | null;
};

/**
 * "Start a trial" in the portal: an owner or admin starts the organisation's one trial (TRIAL_DAYS,
 * every service, reminded, extended once by sales), which then follows it like any other: onto
 * its first server now if it has one, else onto the first it registers or claims. Refused once the
 * organisation has had a trial, however it ended. Serialised with registering and claiming servers
 * by the same lock on the organisation, so two clicks, or a click and a claim, never make two.
 */
export async function startTrialInPortal(
  db: Db,
  actor: Actor,
  raw: StartTrialInPortalInput = {},
): Promise<StartedPortalTrial> {
  const { org } = authorize(actor, "trial.start", startTrialInPortalSchema, raw);
  return db.transaction(async (tx) => {
    await lockOrgTrial(tx, org.id);
    if (await organisationHadTrial(tx, org.id)) {
      throw new AppError("conflict", "This organisation has had its trial", { reason: TRIAL_USED });
    }
    // None of its servers carried a trial (checked above): the earliest one in use takes it.
    const [server] = await sqlRows<{ id: string; code: string }>(
      tx,
      sql`select id, code from servers
           where organisation_id = ${org.id}::uuid and deleted_at is null
           order by disabled_at is not null, created_at, id
           limit 1 for update`,
    );
    const started = await startTrial(tx, auditActor(actor), {
      origin: "portal",
      organisationId: org.id,
      server: null,
      onServer: server ?? null,
      contactName: actor.name,
      contactEmail: actor.email,
      locale: actor.locale,
      startedByUserId: actor.userId,
      ip: actor.ip,
    });
    return {
      trialId: started.trial.id,
      endsAt: started.trial.endsAt,
      serverId: server ? formatServerCode(server.code) : null,
    };
  });
}
