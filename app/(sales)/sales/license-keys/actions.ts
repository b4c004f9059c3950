"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { notFound } from "@/lib/errors";
import { issueLicenseKey, issueLicenseKeySchema } from "@/lib/licenses/issue-license-key";
import { revokeLicenseKey } from "@/lib/licenses/revoke-license-key";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { type FormState, formError, runForm } from "@/lib/web/forms";

/** The form state of the issue form: on success it carries the key, shown this once. */
export type IssueState = FormState & { key?: string };

function revalidate() {
  revalidatePath("/sales/license-keys");
  revalidatePath("/operator/license-keys");
}

export async function issueKeyAction(_: IssueState, form: FormData): Promise<IssueState> {
  const actor = await requireActor();
  let key: string | undefined;
  const state = await runForm(form, issueLicenseKeySchema, async (input) => {
    key = (await issueLicenseKey(db, actor, input)).key;
    return "issued";
  });
  if (state.ok) revalidate();
  return { ...state, key };
}

export async function revokeKeyAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const keyId = z.uuid().safeParse(form.get("keyId"));
  try {
    if (!keyId.success) throw notFound();
    await revokeLicenseKey(db, actor, { keyId: keyId.data });
  } catch (error) {
    return { ...formError(error), at: Date.now() };
  }
  revalidate();
  return { ok: true, at: Date.now() };
}
