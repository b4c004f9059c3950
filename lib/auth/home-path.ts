import type { Actor } from "./actor";

/** Where a person lands after sign-in: their organisation, else their staff work. */
export function homePath(actor: Actor): string {
  if (actor.org) return "/overview";
  if (actor.staffRoles.includes("sales")) return "/sales/trials";
  if (actor.staffRoles.includes("operator")) return "/operator/outbox";
  return "/overview";
}
