"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { orgRoleEnum } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { changeMemberRole } from "@/lib/orgs/change-member-role";
import { inviteMember, inviteMemberSchema } from "@/lib/orgs/invite-member";
import { removeMember } from "@/lib/orgs/remove-member";
import { revokeMemberInvitation } from "@/lib/orgs/revoke-member-invitation";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { type FormState, formError, runForm } from "@/lib/web/forms";

const id = z.uuid();

export async function inviteMemberAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, inviteMemberSchema, async (input) => {
    await inviteMember(db, actor, input);
    return "invited";
  });
  if (state.ok) revalidatePath("/members");
  return state;
}

/** Runs a one-button member action on an id; a malformed id is as unknown as a foreign one. */
async function onMember(
  form: FormData,
  field: string,
  run: (id: string) => Promise<void>,
): Promise<FormState> {
  const parsed = id.safeParse(form.get(field));
  try {
    if (!parsed.success) throw notFound();
    await run(parsed.data);
  } catch (error) {
    return formError(error);
  }
  revalidatePath("/members");
  return { ok: true, at: Date.now() };
}

export async function changeRoleAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const role = z.enum(orgRoleEnum.enumValues).safeParse(form.get("role"));
  if (!role.success) return { ok: false, fieldErrors: { role: "required" } };
  return onMember(form, "userId", (userId) => changeMemberRole(db, actor, userId, role.data));
}

export async function removeMemberAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return onMember(form, "userId", (userId) => removeMember(db, actor, userId));
}

export async function revokeInvitationAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return onMember(form, "invitationId", (invitationId) => revokeMemberInvitation(db, actor, invitationId));
}
