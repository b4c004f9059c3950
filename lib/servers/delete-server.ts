import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { licenses, serverConnectivity, servers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import type { RawInput } from "@/lib/validation";
import { endServerSessions } from "./end-server-sessions";
import { findOrgServer } from "./find-org-server";
import { formatServerCode } from "./server-id";

export const deleteServerSchema = z.object({
  server: z.string().trim().min(1).max(64),
  confirmName: z.string().trim().max(200),
});
export type DeleteServerInput = RawInput<typeof deleteServerSchema>;

/**
 * An owner or admin deletes one of the organisation's servers, after typing its name. The row stays
 * (consents are kept for good, a Server-ID is never reused) but the server is disabled, its sessions
 * end, and it is unknown to the protocol and hidden everywhere. Its licenses stay with the
 * organisation, unassigned, so they can go to another server.
 */
export async function deleteServer(
  db: Db,
  actor: Actor,
  raw: DeleteServerInput,
): Promise<{ unassignedLicenses: number }> {
  const { org, input } = authorize(actor, "servers.manage", deleteServerSchema, raw);
  return db.transaction(async (tx) => {
    const server = await findOrgServer(tx, org.id, input.server);
    if (input.confirmName !== server.name.trim()) {
      throw new AppError("validation", "The name does not match", {
        fields: [{ field: "confirmName", message: "name-mismatch" }],
      });
    }
    const now = new Date();
    await tx
      .update(servers)
      .set({ deletedAt: now, disabledAt: server.disabledAt ?? now })
      .where(eq(servers.id, server.id));
    await endServerSessions(tx, server.id, "server-deleted");
    // Its network setup and check results describe nothing that still runs; nothing re-checks it.
    await tx.delete(serverConnectivity).where(eq(serverConnectivity.serverId, server.id));
    const unassigned = await tx
      .update(licenses)
      .set({ serverId: null, revision: sql`${licenses.revision} + 1` })
      // A trial belongs to this server alone; bought licenses can go to another one.
      .where(
        and(
          eq(licenses.serverId, server.id),
          eq(licenses.organisationId, org.id),
          eq(licenses.trial, false),
          isNull(licenses.revokedAt),
        ),
      )
      .returning({ id: licenses.id });
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "server.deleted",
      targetType: "server",
      targetId: server.id,
      details: { serverId: formatServerCode(server.code), name: server.name, licenses: unassigned.length },
    });
    return { unassignedLicenses: unassigned.length };
  });
}
