import type { Locale, OrgRole } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";

export const STAFF_ROLES = ["sales", "operator"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export type OrgContext = { id: string; name: string; role: OrgRole };

/** Who is calling: built once per request from the session, passed to every use case. */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  locale: Locale;
  staffRoles: StaffRole[];
  sessionId: string;
  ip: string | null;
  /** The organisation the person is working in now (one of their memberships), if any. */
  org: OrgContext | null;
  organisations: OrgContext[];
};

const rank: Record<OrgRole, number> = { member: 0, admin: 1, owner: 2 };

/**
 * The caller's current organisation, if their role there is at least `minRole`. Without a
 * membership the organisation does not exist for them (404); with too low a role it is 403.
 */
export function requireOrg(actor: Actor, minRole: OrgRole = "member"): OrgContext {
  if (!actor.org) throw new AppError("not-found", "No organisation");
  if (rank[actor.org.role] < rank[minRole]) {
    throw new AppError("forbidden", `This needs the role ${minRole} or higher`);
  }
  return actor.org;
}

export function hasOrgRole(actor: Actor, minRole: OrgRole): boolean {
  return !!actor.org && rank[actor.org.role] >= rank[minRole];
}

export function requireStaff(actor: Actor, role: StaffRole): void {
  if (!actor.staffRoles.includes(role)) throw new AppError("not-found", "Not found");
}

export function auditActor(actor: Actor): AuditActor {
  return { userId: actor.userId, label: actor.email, ip: actor.ip };
}
