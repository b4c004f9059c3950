"use server";

import { revalidatePath } from "next/cache";
import { revokeLicense } from "@/lib/licenses/revoke-license";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

/** Revokes the license a redeemed key became; the operators' route shows the same page. */
export async function revokeLicenseAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, (values) => revokeLicense(db, actor, values));
  if (state.ok) {
    revalidatePath("/sales/license-keys");
    revalidatePath("/operator/license-keys");
  }
  return state;
}
