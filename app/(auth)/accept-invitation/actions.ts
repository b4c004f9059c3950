"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { acceptInvitationAsNewUser, acceptInvitationAsUser } from "@/lib/orgs/accept-member-invitation";
import { db } from "@/lib/server/portal";
import { getActor, ORG_COOKIE, requestIp } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export type NewAccountState = FormState & { signInToken?: string };

export async function createAccountAction(_: NewAccountState, form: FormData): Promise<NewAccountState> {
  const ip = await requestIp();
  return runForm(form, async (values) => {
    const { signInToken } = await acceptInvitationAsNewUser(db, { input: values, ip });
    return { signInToken };
  });
}

export async function acceptAsUserAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  const state = await runForm(form, async (values) => ({
    joined: await acceptInvitationAsUser(db, actor, String(values.token ?? "")),
  }));
  if (!state.joined) return state;
  (await cookies()).set(ORG_COOKIE, state.joined.organisationId, {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
  });
  redirect("/overview");
}
