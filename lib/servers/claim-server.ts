import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { licenses, servers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { refreshTermsState } from "@/lib/terms/refresh-terms-state";
import { mergeClaimedTrial } from "@/lib/trials/carry-trial";
import { password, type RawInput } from "@/lib/validation";
import { formatServerCode } from "./server-id";
import { verifyServerCredentials } from "./verify-server-credentials";

export const claimServerSchema = z.object({ serverId: z.string().trim().min(1).max(64), password });
export type ClaimServerInput = RawInput<typeof claimServerSchema>;

/**
 * An owner or admin claims a server that started a trial by itself into their organisation, with
 * its Server-ID and password. Wrong credentials and a server that belongs to someone already answer
 * alike, under the same brute-force limits as the protocol. Its licenses and consent follow it.
 */
export async function claimServer(
  db: Db,
  actor: Actor,
  raw: ClaimServerInput,
): Promise<{ id: string; serverId: string }> {
  const { org, input } = authorize(actor, "servers.manage", claimServerSchema, raw);
  const server = await verifyServerCredentials(db, { ...input, ip: actor.ip });
  const refused = new AppError("not-found", "Unknown server ID or wrong password", {
    fields: [{ field: "serverId", message: "invalid-credentials" }],
  });
  if (!server) throw refused;
  if (server.organisationId === org.id) return { id: server.id, serverId: formatServerCode(server.code) };
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(servers)
      .set({ organisationId: org.id, claimedAt: new Date() })
      .where(and(eq(servers.id, server.id), isNull(servers.organisationId)))
      .returning({ id: servers.id });
    if (!claimed) throw refused;
    await tx.update(licenses).set({ organisationId: org.id }).where(eq(licenses.serverId, server.id));
    // One trial per organisation: a second one is merged into the first and ends when it ends.
    const trial = await mergeClaimedTrial(tx, { organisationId: org.id, serverId: server.id });
    await refreshTermsState(tx, { serverId: server.id });
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "server.claimed",
      targetType: "server",
      targetId: server.id,
      details: {
        serverId: formatServerCode(server.code),
        name: server.name,
        trialId: trial?.trialId ?? null,
        trialMerged: trial?.merged ?? false,
      },
    });
    return { id: server.id, serverId: formatServerCode(server.code) };
  });
}
