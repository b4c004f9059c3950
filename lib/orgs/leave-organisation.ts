import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { memberships, organisations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { parseInput, type RawInput, rowId } from "@/lib/validation";
import { lockedOwnerCount } from "./change-member-role";

export const leaveOrganisationSchema = z.object({
  organisationId: rowId,
  // A ticked checkbox sends "on"; callers with typed input say true. Unticked sends nothing.
  confirm: z.union([z.literal("on"), z.literal(true)], { error: "confirm-required" }),
});
export type LeaveOrganisationInput = RawInput<typeof leaveOrganisationSchema>;

/**
 * The caller leaves one of their organisations, whatever their role. No permission beyond the
 * membership itself: the caller, the organisation and a live organisation are all in the WHERE
 * clause, so anything else is not found. The last owner cannot leave (conflict, reason
 * "last-owner"): they hand ownership over or delete the organisation.
 */
export async function leaveOrganisation(
  db: Db,
  actor: Actor,
  raw: LeaveOrganisationInput,
): Promise<{ organisationId: string }> {
  const input = parseInput(leaveOrganisationSchema, raw);
  const organisationId = input.organisationId;
  if (!organisationId) throw notFound("Organisation not found");
  return db.transaction(async (tx) => {
    const [membership] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(
        and(
          eq(memberships.organisationId, organisationId),
          eq(memberships.userId, actor.userId),
          isNull(organisations.deletedAt),
        ),
      )
      .for("update", { of: memberships });
    if (!membership) throw notFound("Organisation not found");
    if (membership.role === "owner" && (await lockedOwnerCount(tx, organisationId)) <= 1) {
      throw new AppError("conflict", "The last owner cannot leave the organisation", {
        reason: "last-owner",
        fields: [{ field: "_form", message: "last-owner" }],
      });
    }
    await tx
      .delete(memberships)
      .where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, actor.userId)));
    await recordAudit(tx, auditActor(actor), {
      organisationId,
      action: "member.left",
      targetType: "user",
      targetId: actor.userId,
      details: { role: membership.role },
    });
    return { organisationId };
  });
}
