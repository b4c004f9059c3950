"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/server/portal";
import { claimServer, claimServerSchema } from "@/lib/servers/claim-server";
import { deleteServer, deleteServerSchema } from "@/lib/servers/delete-server";
import { registerServer, registerServerSchema } from "@/lib/servers/register-server";
import { renameServer, renameServerSchema } from "@/lib/servers/rename-server";
import { rotateServerPassword, rotateServerPasswordSchema } from "@/lib/servers/rotate-server-password";
import { setServerDisabled } from "@/lib/servers/set-server-disabled";
import { zodFieldErrors } from "@/lib/validation";
import { requireActor } from "@/lib/web/context";
import { type FormState, fieldErrorMap, formError, formValues, runForm } from "@/lib/web/forms";

/** A form state that may carry credentials to show once. */
export type CredentialState = FormState & {
  credentials?: { id: string; serverId: string; password: string };
};

export async function registerServerAction(_: CredentialState, form: FormData): Promise<CredentialState> {
  const actor = await requireActor();
  const parsed = registerServerSchema.safeParse(Object.fromEntries(form.entries()));
  if (!parsed.success) {
    return {
      ok: false,
      fieldErrors: fieldErrorMap(zodFieldErrors(parsed.error, "_form")),
      values: formValues(form),
      at: Date.now(),
    };
  }
  try {
    const credentials = await registerServer(db, actor, parsed.data);
    revalidatePath("/servers");
    return { ok: true, credentials, at: Date.now() };
  } catch (error) {
    return { ...formError(error), values: formValues(form), at: Date.now() };
  }
}

export async function claimServerAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  let id: string | undefined;
  const state = await runForm(form, claimServerSchema, async (input) => {
    id = (await claimServer(db, actor, input)).id;
    return "claimed";
  });
  if (!state.ok || !id) return state;
  revalidatePath("/servers");
  redirect(`/servers/${id}`);
}

export async function renameServerAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, renameServerSchema, async (input) => {
    await renameServer(db, actor, input);
    return "renamed";
  });
  if (state.ok) revalidatePath("/servers", "layout");
  return state;
}

export async function rotatePasswordAction(_: CredentialState, form: FormData): Promise<CredentialState> {
  const actor = await requireActor();
  const parsed = rotateServerPasswordSchema.safeParse(Object.fromEntries(form.entries()));
  try {
    if (!parsed.success) return { ok: false, message: "not-found", at: Date.now() };
    const done = await rotateServerPassword(db, actor, parsed.data);
    revalidatePath("/servers", "layout");
    return { ok: true, credentials: { id: parsed.data.server, ...done }, at: Date.now() };
  } catch (error) {
    return { ...formError(error), at: Date.now() };
  }
}

const disabledSchema = z.object({
  server: z.string().trim().min(1).max(64),
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});

export async function setDisabledAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, disabledSchema, async (input) => {
    await setServerDisabled(db, actor, input);
    return input.disabled ? "disabled" : "enabled";
  });
  if (state.ok) revalidatePath("/servers", "layout");
  return state;
}

export async function deleteServerAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, deleteServerSchema, async (input) => {
    await deleteServer(db, actor, input);
    return "deleted";
  });
  if (!state.ok) return state;
  revalidatePath("/servers", "layout");
  redirect("/servers");
}
