"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { deleteOrganisation } from "@/lib/orgs/delete-organisation";
import { leaveOrganisation } from "@/lib/orgs/leave-organisation";
import { db } from "@/lib/server/portal";
import { ORG_COOKIE, requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export async function leaveOrganisationAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm<{ left: string }>(form, async (values) => ({
    left: (await leaveOrganisation(db, actor, values)).organisationId,
  }));
  if (!state.ok || !state.left) return state;
  return landElsewhere(actor, state.left);
}

export async function deleteOrganisationAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    await deleteOrganisation(db, actor, values);
  });
  if (!state.ok || !actor.org) return state;
  return landElsewhere(actor, actor.org.id);
}

/**
 * After leaving or deleting: on to another organisation the person belongs to, or to the overview,
 * which says they belong to none.
 */
async function landElsewhere(actor: Actor, goneId: string): Promise<never> {
  const next = actor.organisations.find((o) => o.id !== goneId);
  const jar = await cookies();
  if (next) jar.set(ORG_COOKIE, next.id, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 31536000 });
  else jar.delete(ORG_COOKIE);
  revalidatePath("/", "layout");
  redirect("/overview");
}
