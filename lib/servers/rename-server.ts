import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { servers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { authorize } from "@/lib/permissions";
import { type RawInput, text } from "@/lib/validation";
import { findOrgServer } from "./find-org-server";
import { formatServerCode } from "./server-id";

export const renameServerSchema = z.object({ server: z.string().trim().min(1).max(64), name: text(200) });
export type RenameServerInput = RawInput<typeof renameServerSchema>;

/** An owner or admin gives one of the organisation's servers a new name; the old one is kept in the audit log. */
export async function renameServer(db: Db, actor: Actor, raw: RenameServerInput): Promise<void> {
  const { org, input } = authorize(actor, "servers.manage", renameServerSchema, raw);
  await db.transaction(async (tx) => {
    const server = await findOrgServer(tx, org.id, input.server);
    if (server.name === input.name) return;
    await tx.update(servers).set({ name: input.name }).where(eq(servers.id, server.id));
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "server.renamed",
      targetType: "server",
      targetId: server.id,
      details: { serverId: formatServerCode(server.code), from: server.name, to: input.name },
    });
  });
}
