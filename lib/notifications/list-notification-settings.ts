import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, organisations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";

export type NotificationSetting = {
  organisationId: string;
  organisationName: string;
  notifyServerStatus: boolean;
  notifyExpiry: boolean;
  notifyConnectivity: boolean;
};

/** The caller's notification settings, one row per organisation they own (only owners get these e-mails). */
export async function listNotificationSettings(db: Db, actor: Actor): Promise<NotificationSetting[]> {
  return db
    .select({
      organisationId: memberships.organisationId,
      organisationName: organisations.name,
      notifyServerStatus: memberships.notifyServerStatus,
      notifyExpiry: memberships.notifyExpiry,
      notifyConnectivity: memberships.notifyConnectivity,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.userId, actor.userId), eq(memberships.role, "owner")))
    .orderBy(asc(organisations.name));
}
