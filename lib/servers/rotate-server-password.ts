import { z } from "zod";
import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";
import type { RawInput } from "@/lib/validation";
import { findOrgServer } from "./find-org-server";
import { replaceServerPassword } from "./replace-server-password";
import { formatServerCode } from "./server-id";

export const rotateServerPasswordSchema = z.object({ server: z.string().trim().min(1).max(64) });
export type RotateServerPasswordInput = RawInput<typeof rotateServerPasswordSchema>;

/**
 * An owner or admin gives one of the organisation's servers a new password (shown once). Every
 * token of the server is revoked at once; the UCServer must connect again with the new password.
 * `server` is the internal id or the Server-ID; a malformed one is as unknown as a foreign one.
 */
export async function rotateServerPassword(
  db: Db,
  actor: Actor,
  raw: RotateServerPasswordInput,
): Promise<{ id: string; serverId: string; password: string }> {
  const org = requirePermission(actor, "servers.manage");
  const parsed = rotateServerPasswordSchema.safeParse(raw);
  if (!parsed.success) throw notFound("Server not found");
  return db.transaction(async (tx) => {
    const server = await findOrgServer(tx, org.id, parsed.data.server);
    const { password } = await replaceServerPassword(tx, server.id);
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "server.password-changed",
      targetType: "server",
      targetId: server.id,
      details: { serverId: formatServerCode(server.code) },
    });
    return { id: server.id, serverId: formatServerCode(server.code), password };
  });
}
