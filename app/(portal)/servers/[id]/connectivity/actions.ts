"use server";

import { revalidatePath } from "next/cache";
import { runConnectivityChecks } from "@/lib/connectivity/run-connectivity-checks";
import { saveConnectivity } from "@/lib/connectivity/save-connectivity";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export async function saveConnectivityAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    const { changed } = await saveConnectivity(db, actor, values);
    return changed ? "saved" : "unchanged";
  });
  if (state.ok) revalidatePath("/servers/[id]/connectivity", "page");
  return state;
}

/** Runs in the request: the TURN secret typed for this run must never reach a job (see the use case). */
export async function runChecksAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    await runConnectivityChecks(db, actor, values);
    return "ran";
  });
  if (state.ok) revalidatePath("/servers/[id]/connectivity", "page");
  return state;
}
