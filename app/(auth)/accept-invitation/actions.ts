"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { acceptInvitationAsNewUser, acceptInvitationAsUser } from "@/lib/orgs/accept-member-invitation";
import { db } from "@/lib/server/portal";
import { getActor, ORG_COOKIE, requestIp } from "@/lib/web/context";
import { type FormState, formError, formValues } from "@/lib/web/forms";

export type NewAccountState = FormState & { signInToken?: string };

export async function createAccountAction(_: NewAccountState, form: FormData): Promise<NewAccountState> {
  try {
    const { signInToken } = await acceptInvitationAsNewUser(db, {
      input: Object.fromEntries(form.entries()),
      ip: await requestIp(),
    });
    return { ok: true, signInToken, at: Date.now() };
  } catch (error) {
    return { ...formError(error), values: formValues(form), at: Date.now() };
  }
}

export async function acceptAsUserAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  let organisationId: string;
  try {
    ({ organisationId } = await acceptInvitationAsUser(db, actor, String(form.get("token") ?? "")));
  } catch (error) {
    return formError(error);
  }
  (await cookies()).set(ORG_COOKIE, organisationId, { path: "/", sameSite: "lax", httpOnly: true });
  redirect("/overview");
}
