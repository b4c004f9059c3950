import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { memberships } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";

import { parseInput, type RawInput, rowId } from "@/lib/validation";
import { lockedOwnerCount } from "./change-member-role";

export const removeMemberSchema = z.object({ userId: rowId });

/**
 * Removes a member from the caller's organisation. Admins remove members; only owners remove admins
 * and owners; nobody removes the last owner.
 */
export async function removeMember(
  db: Db,
  actor: Actor,
  raw: RawInput<typeof removeMemberSchema>,
): Promise<void> {
  const org = requirePermission(actor, "members.remove");
  const { userId } = parseInput(removeMemberSchema, raw);
  if (!userId) throw notFound("Member not found");
  await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organisationId, org.id), eq(memberships.userId, userId)))
      .for("update");
    if (!target) throw notFound("Member not found");
    if (target.role !== "member" && org.role !== "owner") {
      throw new AppError("forbidden", "Only owners can remove admins and owners");
    }
    if (target.role === "owner" && (await lockedOwnerCount(tx, org.id)) <= 1) {
      throw new AppError("conflict", "An organisation needs at least one owner");
    }
    await tx
      .delete(memberships)
      .where(and(eq(memberships.organisationId, org.id), eq(memberships.userId, userId)));
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "member.removed",
      targetType: "user",
      targetId: userId,
      details: { role: target.role },
    });
  });
}
