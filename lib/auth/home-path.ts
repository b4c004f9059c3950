import { can } from "@/lib/permissions";
import type { Actor } from "./actor";

/** Where a person lands after sign-in: their organisation, else their staff work. */
export function homePath(actor: Actor): string {
  if (actor.org) return "/overview";
  if (can(actor, "area.sales")) return "/sales/trials";
  if (can(actor, "area.operations")) return "/operator/outbox";
  return "/overview";
}
