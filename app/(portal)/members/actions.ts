"use server";

import { revalidatePath } from "next/cache";
import { changeMemberRole } from "@/lib/orgs/change-member-role";
import { inviteMember } from "@/lib/orgs/invite-member";
import { removeMember } from "@/lib/orgs/remove-member";
import { revokeMemberInvitation } from "@/lib/orgs/revoke-member-invitation";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

function revalidated(state: FormState): FormState {
  if (state.ok) revalidatePath("/members");
  return state;
}

export async function inviteMemberAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return revalidated(
    await runForm(form, async (values) => {
      await inviteMember(db, actor, values);
      return "invited";
    }),
  );
}

export async function changeRoleAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return revalidated(await runForm(form, (values) => changeMemberRole(db, actor, values)));
}

export async function removeMemberAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return revalidated(await runForm(form, (values) => removeMember(db, actor, values)));
}

export async function revokeInvitationAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return revalidated(await runForm(form, (values) => revokeMemberInvitation(db, actor, values)));
}
