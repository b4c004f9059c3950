import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { servers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { authorize } from "@/lib/permissions";
import type { RawInput } from "@/lib/validation";
import { endServerSessions } from "./end-server-sessions";
import { findOrgServer } from "./find-org-server";
import { formatServerCode } from "./server-id";

export const setServerDisabledSchema = z.object({
  server: z.string().trim().min(1).max(64),
  // A form's buttons send "true" or "false".
  disabled: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
});
export type SetServerDisabledInput = RawInput<typeof setServerDisabledSchema>;

/**
 * An owner or admin disables (or enables again) one of the organisation's servers. Disabling ends
 * its sessions at once; while disabled, connecting answers 403 server-disabled. Returns the state
 * it is left in.
 */
export async function setServerDisabled(
  db: Db,
  actor: Actor,
  raw: SetServerDisabledInput,
): Promise<{ disabled: boolean }> {
  const { org, input } = authorize(actor, "servers.manage", setServerDisabledSchema, raw);
  await db.transaction(async (tx) => {
    const server = await findOrgServer(tx, org.id, input.server);
    if (!!server.disabledAt === input.disabled) return;
    await tx
      .update(servers)
      .set({ disabledAt: input.disabled ? new Date() : null })
      .where(eq(servers.id, server.id));
    if (input.disabled) await endServerSessions(tx, server.id, "server-disabled");
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: input.disabled ? "server.disabled" : "server.enabled",
      targetType: "server",
      targetId: server.id,
      details: { serverId: formatServerCode(server.code) },
    });
  });
  return { disabled: input.disabled };
}
