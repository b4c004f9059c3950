"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/server/portal";
import { publishTermsVersion, publishTermsVersionSchema } from "@/lib/terms/publish-terms-version";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

// The URL is always the portal's own legal page; operators do not type it.
const publishFormSchema = publishTermsVersionSchema.omit({ url: true });

export async function publishTermsAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, publishFormSchema, async (input) => {
    await publishTermsVersion(db, actor, input);
    return "published";
  });
  if (state.ok) {
    revalidatePath("/operator/terms");
  }
  return state;
}
