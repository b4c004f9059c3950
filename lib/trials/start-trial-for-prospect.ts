import { z } from "zod";
import type { Db } from "@/db/client";
import { type Actor, auditActor, requireStaff } from "@/lib/auth/actor";
import { formatServerCode } from "@/lib/servers/server-id";
import { email, locale, text } from "@/lib/validation";
import { startTrial } from "./start-trial";

export const startTrialForProspectSchema = z.object({ serverName: text(200), contactEmail: email, locale });
export type StartTrialForProspectInput = z.infer<typeof startTrialForProspectSchema>;

/**
 * Sales staff start a trial for a prospect: the same trial a UCServer starts itself. The prospect
 * enters the Server-ID and password (shown once) in the UCServer and claims it later in the portal.
 */
export async function startTrialForProspect(db: Db, actor: Actor, input: StartTrialForProspectInput) {
  requireStaff(actor, "sales");
  const { server, password, endsAt } = await db.transaction((tx) =>
    startTrial(tx, auditActor(actor), {
      serverName: input.serverName,
      origin: "sales-trial",
      organisationId: null,
      contactEmail: input.contactEmail,
      locale: input.locale,
      ucserverVersion: null,
      startedByUserId: actor.userId,
      ip: actor.ip,
    }),
  );
  return { id: server.id, serverId: formatServerCode(server.code), password, endsAt };
}
