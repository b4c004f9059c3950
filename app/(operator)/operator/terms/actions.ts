"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/server/portal";
import { publishTermsVersion } from "@/lib/terms/publish-terms-version";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export async function publishTermsAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    // The URL is always the portal's own legal page; operators do not type it.
    await publishTermsVersion(db, actor, { ...values, url: undefined });
    return "published";
  });
  if (state.ok) {
    revalidatePath("/operator/terms");
  }
  return state;
}
