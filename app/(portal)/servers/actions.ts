"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { db } from "@/lib/server/portal";
import { claimServer } from "@/lib/servers/claim-server";
import { deleteServer } from "@/lib/servers/delete-server";
import { registerServer } from "@/lib/servers/register-server";
import { renameServer } from "@/lib/servers/rename-server";
import { rotateServerPassword } from "@/lib/servers/rotate-server-password";
import { setServerDisabled } from "@/lib/servers/set-server-disabled";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

/** A form state that may carry credentials to show once. */
export type CredentialState = FormState & {
  credentials?: { id: string; serverId: string; password: string };
};

export async function registerServerAction(_: CredentialState, form: FormData): Promise<CredentialState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => ({
    credentials: await registerServer(db, actor, values),
  }));
  if (state.ok) revalidatePath("/servers");
  return state;
}

export async function claimServerAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => ({
    message: "claimed",
    claimed: await claimServer(db, actor, values),
  }));
  if (!state.claimed) return state;
  revalidatePath("/servers");
  redirect(`/servers/${state.claimed.id}`);
}

export async function renameServerAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    await renameServer(db, actor, values);
    return "renamed";
  });
  if (state.ok) revalidatePath("/servers", "layout");
  return state;
}

export async function rotatePasswordAction(_: CredentialState, form: FormData): Promise<CredentialState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => ({
    credentials: await rotateServerPassword(db, actor, values),
  }));
  if (state.ok) revalidatePath("/servers", "layout");
  return state;
}

export async function setDisabledAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    const { disabled } = await setServerDisabled(db, actor, values);
    return disabled ? "disabled" : "enabled";
  });
  if (state.ok) revalidatePath("/servers", "layout");
  return state;
}

export async function deleteServerAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    await deleteServer(db, actor, values);
    return "deleted";
  });
  if (!state.ok) return state;
  revalidatePath("/servers", "layout");
  redirect("/servers");
}
