import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberInvitations, memberships, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import { openInvitations } from "./member-invitations";

/** Members of the caller's organisation and its open invitations. Admins and owners only. */
export async function listMembers(db: Db, actor: Actor) {
  const org = requirePermission(actor, "members.view");
  const members = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, org.id))
    .orderBy(asc(users.name));
  const invitations = await db
    .select({
      id: memberInvitations.id,
      email: memberInvitations.email,
      role: memberInvitations.role,
      expiresAt: memberInvitations.expiresAt,
      createdAt: memberInvitations.createdAt,
    })
    .from(memberInvitations)
    .where(and(eq(memberInvitations.organisationId, org.id), openInvitations()))
    .orderBy(desc(memberInvitations.createdAt));
  return { members, invitations };
}
