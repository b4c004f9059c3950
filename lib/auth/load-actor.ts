import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import { type Actor, type OrgContext, STAFF_ROLES, type StaffRole } from "./actor";
import { findLiveSession } from "./sessions";

/**
 * Turns a session token into an Actor, or null when the session is unknown, revoked, expired or
 * its user disabled. The preferred organisation is honoured only if the user is a member of it.
 */
export async function loadActor(
  db: DbOrTx,
  opts: { sessionToken: string; preferredOrgId: string | null; ip: string | null },
): Promise<Actor | null> {
  const session = await findLiveSession(db, opts.sessionToken);
  if (!session) return null;
  const [user] = await db.select().from(users).where(eq(users.id, session.userId));
  if (!user || user.disabledAt) return null;
  const orgs: OrgContext[] = await db
    .select({ id: organisations.id, name: organisations.name, role: memberships.role })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, user.id))
    .orderBy(asc(organisations.name));
  const org = orgs.find((o) => o.id === opts.preferredOrgId) ?? orgs[0] ?? null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    staffRoles: user.staffRoles.filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r)),
    sessionId: session.id,
    ip: opts.ip,
    org,
    organisations: orgs,
  };
}
