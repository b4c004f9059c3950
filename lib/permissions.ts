import type { z } from "zod";
import type { OrgRole } from "@/db/schema";
import type { Actor, OrgContext, StaffRole } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { parseInput, type RawInput } from "@/lib/validation";

/**
 * What each role may do: one map, read by the use cases (which refuse) and by the pages (which
 * show or hide). An organisation permission names the least role in the caller's current
 * organisation; a staff permission, the vendor's staff roles that have it. Finer rules that depend
 * on the object (only owners remove or promote owners, the last owner stays) live in their use case.
 */
export const ORG_PERMISSIONS = {
  "servers.view": "member",
  /** Register, claim, rename, disable, delete, new password. */
  "servers.manage": "admin",
  /** Save a server's connectivity scenario and run its live checks (members see them read-only). */
  "connectivity.manage": "admin",
  "licenses.view": "member",
  /** Redeem keys, assign and move licenses. */
  "licenses.manage": "admin",
  "invitations.view": "member",
  "invitations.send": "admin",
  "terms.view": "member",
  "terms.accept": "admin",
  "consents.view": "admin",
  "members.view": "admin",
  "members.invite": "admin",
  "members.remove": "admin",
  "members.change-role": "owner",
  "members.invite-owner": "owner",
  "audit.view": "owner",
  /** Start the organisation's one trial in the portal. */
  "trial.start": "admin",
  /** Delete the whole organisation, after typing its name (lib/orgs/delete-organisation.ts). */
  "organisation.delete": "owner",
} as const satisfies Record<string, OrgRole>;

export const STAFF_PERMISSIONS = {
  /** The sales and operations areas of the portal (their navigation and pages). */
  "area.sales": ["sales"],
  "area.operations": ["operator"],
  "trials.manage": ["sales"],
  "license-keys.issue": ["sales", "operator"],
  "licenses.enter": ["sales", "operator"],
  "catalogue.manage": ["operator"],
  "terms.publish": ["operator"],
  "app-links.manage": ["operator"],
  "outbox.view": ["operator"],
  "system.view": ["operator"],
} as const satisfies Record<string, readonly StaffRole[]>;

export type OrgPermission = keyof typeof ORG_PERMISSIONS;
export type StaffPermission = keyof typeof STAFF_PERMISSIONS;
export type Permission = OrgPermission | StaffPermission;

const rank: Record<OrgRole, number> = { member: 0, admin: 1, owner: 2 };

function isOrgPermission(p: Permission): p is OrgPermission {
  return p in ORG_PERMISSIONS;
}

/** Whether the caller may do this, for a page deciding what to show. */
export function can(actor: Actor, permission: Permission): boolean {
  if (isOrgPermission(permission)) {
    return !!actor.org && rank[actor.org.role] >= rank[ORG_PERMISSIONS[permission]];
  }
  const roles: readonly StaffRole[] = STAFF_PERMISSIONS[permission];
  return actor.staffRoles.some((r) => roles.includes(r));
}

/**
 * The caller's current organisation if they may do this there. Without a membership the
 * organisation does not exist for them (404); with too low a role it is 403.
 */
export function requirePermission(actor: Actor, permission: OrgPermission): OrgContext;
/** Staff work: to anyone without the staff role it does not exist (404). */
export function requirePermission(actor: Actor, permission: StaffPermission): void;
export function requirePermission(actor: Actor, permission: Permission): OrgContext | undefined {
  if (isOrgPermission(permission)) {
    if (!actor.org) throw new AppError("not-found", "No organisation");
    if (!can(actor, permission)) {
      throw new AppError("forbidden", `This needs the role ${ORG_PERMISSIONS[permission]} or higher`);
    }
    return actor.org;
  }
  if (!can(actor, permission)) throw new AppError("not-found", "Not found");
}

/**
 * How most use cases begin: the caller may do this (see requirePermission), and what they sent is
 * parsed, once, into the use case's input. In this order: nobody learns the input's rules who may not
 * use it.
 */
export function authorize<S extends z.ZodType>(
  actor: Actor,
  permission: OrgPermission,
  schema: S,
  raw: RawInput<S>,
): { org: OrgContext; input: z.infer<S> };
export function authorize<S extends z.ZodType>(
  actor: Actor,
  permission: StaffPermission,
  schema: S,
  raw: RawInput<S>,
): { input: z.infer<S> };
export function authorize<S extends z.ZodType>(
  actor: Actor,
  permission: Permission,
  schema: S,
  raw: RawInput<S>,
): { org?: OrgContext; input: z.infer<S> } {
  if (isOrgPermission(permission)) {
    return { org: requirePermission(actor, permission), input: parseInput(schema, raw) };
  }
  requirePermission(actor, permission);
  return { input: parseInput(schema, raw) };
}
