import type { DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema";

export type AuditActor = { userId: string | null; label: string; ip: string | null };

export type AuditEntry = {
  organisationId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
};

/** Records who did what to which object, from where. Call it inside the use case's transaction. */
export async function recordAudit(db: DbOrTx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    organisationId: entry.organisationId,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    ip: actor.ip,
    details: entry.details ?? {},
  });
}
