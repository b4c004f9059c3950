import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { can, requirePermission } from "@/lib/permissions";
import { organisationHadTrial } from "./organisation-had-trial";

export type PortalTrialOffer = {
  /** How long the trial would run. */
  days: number;
  /** Whether the caller may start it (owners and admins); others may only be told about it. */
  canStart: boolean;
};

/**
 * Whether the organisation can still start its trial in the portal, for pages deciding to offer the
 * button: null once it has or had one (see startTrialInPortal, which decides again). Any member may
 * look.
 */
export async function getPortalTrialOffer(db: Db, actor: Actor): Promise<PortalTrialOffer | null> {
  const org = requirePermission(actor, "servers.view");
  if (await organisationHadTrial(db, org.id)) return null;
  return { days: env().TRIAL_DAYS, canStart: can(actor, "trial.start") };
}
