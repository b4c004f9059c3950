import { z } from "zod";
import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { authorize } from "@/lib/permissions";
import { refreshTermsState } from "@/lib/terms/refresh-terms-state";
import { carryTrialToRegisteredServer } from "@/lib/trials/carry-trial";
import { type RawInput, text } from "@/lib/validation";
import { insertServer } from "./insert-server";
import { formatServerCode } from "./server-id";

export const registerServerSchema = z.object({ name: text(200) });
export type RegisterServerInput = RawInput<typeof registerServerSchema>;

/**
 * An owner or admin registers a UCServer for their organisation. Returns the Server-ID and the
 * password, which is shown this once and stored only as an Argon2id hash.
 */
export async function registerServer(
  db: Db,
  actor: Actor,
  raw: RegisterServerInput,
): Promise<{ id: string; serverId: string; password: string }> {
  const { org, input } = authorize(actor, "servers.manage", registerServerSchema, raw);
  return db.transaction(async (tx) => {
    const { server, password } = await insertServer(tx, {
      name: input.name,
      origin: "portal",
      organisationId: org.id,
      locale: actor.locale,
    });
    // Consent the organisation gave in the portal covers this server from the start.
    await refreshTermsState(tx, { serverId: server.id });
    // A prospect's trial without a server (or whose server was deleted) continues on this one.
    const trial = await carryTrialToRegisteredServer(tx, { organisationId: org.id, serverId: server.id });
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "server.registered",
      targetType: "server",
      targetId: server.id,
      details: {
        serverId: formatServerCode(server.code),
        name: server.name,
        trialId: trial?.trialId ?? null,
      },
    });
    return { id: server.id, serverId: formatServerCode(server.code), password };
  });
}
