import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { memberships } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { parseInput, type RawInput } from "@/lib/validation";

// A checkbox sends "on" when ticked and nothing at all when not; callers with typed input say true.
const checkbox = z
  .union([z.literal("on"), z.boolean()])
  .optional()
  .transform((v) => v === "on" || v === true);

export const notificationSettingsSchema = z.object({
  organisationId: z.uuid(),
  notifyServerStatus: checkbox,
  notifyExpiry: checkbox,
  notifyConnectivity: checkbox,
});
export type NotificationSettingsInput = RawInput<typeof notificationSettingsSchema>;

/**
 * An owner turns server-status, expiry and connectivity e-mails on or off for one organisation they own. The
 * organisation, the caller and the owner role are all in the WHERE clause: anything else is 404.
 */
export async function updateNotificationSettings(
  db: Db,
  actor: Actor,
  raw: NotificationSettingsInput,
): Promise<void> {
  const input = parseInput(notificationSettingsSchema, raw);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(memberships)
      .set({
        notifyServerStatus: input.notifyServerStatus,
        notifyExpiry: input.notifyExpiry,
        notifyConnectivity: input.notifyConnectivity,
      })
      .where(
        and(
          eq(memberships.organisationId, input.organisationId),
          eq(memberships.userId, actor.userId),
          eq(memberships.role, "owner"),
        ),
      )
      .returning({ userId: memberships.userId });
    if (updated.length === 0) throw notFound("No such organisation");
    await recordAudit(tx, auditActor(actor), {
      organisationId: input.organisationId,
      action: "notifications.updated",
      targetType: "user",
      targetId: actor.userId,
      details: {
        serverStatus: input.notifyServerStatus,
        expiry: input.notifyExpiry,
        connectivity: input.notifyConnectivity,
      },
    });
  });
}
