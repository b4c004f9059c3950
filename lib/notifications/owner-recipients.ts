import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Locale, memberships, users } from "@/db/schema";

export type Recipient = { email: string; name: string; locale: Locale };

/**
 * The owners of an organisation who want e-mail of this kind. Only owners are told: admins and
 * members run the servers day to day but did not sign up for mail about them. A disabled account
 * gets nothing.
 */
export async function ownerRecipients(
  db: DbOrTx,
  organisationId: string,
  kind: "serverStatus" | "expiry" | "connectivity",
): Promise<Recipient[]> {
  const flag = {
    serverStatus: memberships.notifyServerStatus,
    expiry: memberships.notifyExpiry,
    connectivity: memberships.notifyConnectivity,
  }[kind];
  return db
    .select({ email: users.email, name: users.name, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organisationId, organisationId),
        eq(memberships.role, "owner"),
        eq(flag, true),
        isNull(users.disabledAt),
      ),
    );
}
