import type { Locale, OrgRole } from "@/db/schema";
import type { AuditActor } from "@/lib/audit/record-audit";

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

export function auditActor(actor: Actor): AuditActor {
  return { userId: actor.userId, label: actor.email, ip: actor.ip };
}
