import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { memberships, orgRoleEnum } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";

import { parseInput, type RawInput, rowId } from "@/lib/validation";

/** Owners of an organisation, counted under a row lock so two demotions cannot both pass. */
export async function lockedOwnerCount(tx: DbOrTx, organisationId: string): Promise<number> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "owner")))
    .for("update");
  return rows.length;
}

export const changeMemberRoleSchema = z.object({
  userId: rowId,
  role: z.enum(orgRoleEnum.enumValues, { error: "required" }),
});

/** Changes a member's role. Owners only; the last owner cannot be demoted. */
export async function changeMemberRole(
  db: Db,
  actor: Actor,
  raw: RawInput<typeof changeMemberRoleSchema>,
): Promise<void> {
  const org = requirePermission(actor, "members.change-role");
  const { userId, role } = parseInput(changeMemberRoleSchema, raw);
  if (!userId) throw notFound("Member not found");
  await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organisationId, org.id), eq(memberships.userId, userId)))
      .for("update");
    if (!current) throw notFound("Member not found");
    if (current.role === role) return;
    if (current.role === "owner" && (await lockedOwnerCount(tx, org.id)) <= 1) {
      throw new AppError("conflict", "An organisation needs at least one owner", {
        fields: [{ field: "role", message: "last-owner" }],
      });
    }
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.organisationId, org.id), eq(memberships.userId, userId)));
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "member.role-changed",
      targetType: "user",
      targetId: userId,
      details: { from: current.role, to: role },
    });
  });
}
