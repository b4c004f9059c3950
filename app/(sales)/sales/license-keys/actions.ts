"use server";

import { revalidatePath } from "next/cache";
import { issueLicenseKey } from "@/lib/licenses/issue-license-key";
import { revokeLicenseKey } from "@/lib/licenses/revoke-license-key";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

/** The form state of the issue form: on success it carries the key, shown this once. */
export type IssueState = FormState & { key?: string };

function revalidate() {
  revalidatePath("/sales/license-keys");
  revalidatePath("/operator/license-keys");
}

export async function issueKeyAction(_: IssueState, form: FormData): Promise<IssueState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => ({
    message: "issued",
    key: (await issueLicenseKey(db, actor, values)).key,
  }));
  if (state.ok) revalidate();
  return state;
}

export async function revokeKeyAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, (values) => revokeLicenseKey(db, actor, { keyId: values.keyId }));
  if (state.ok) revalidate();
  return state;
}
