"use server";

import { revalidatePath } from "next/cache";
import { validationError } from "@/lib/errors";
import { db } from "@/lib/server/portal";
import { acceptTermsInPortal } from "@/lib/terms/accept-terms-in-portal";
import { rawValues } from "@/lib/validation";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

// The page lists the exact versions it showed ("kind@version …"), so a version published meanwhile
// is refused, not silently accepted unseen. The use case checks them; this only splits the list.
function listedVersions(documents: unknown) {
  return String(documents ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .map((d) => {
      const at = d.indexOf("@");
      return { kind: d.slice(0, at), version: d.slice(at + 1) };
    });
}

export async function acceptTermsAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    // The ticked box is the person's consent, a thing of this form: the use case has no such field.
    if (values.confirm !== "on") throw validationError([{ field: "confirm", message: "confirm-required" }]);
    await acceptTermsInPortal(db, actor, rawValues({ accept: listedVersions(values.documents) }));
    return "accepted";
  });
  // An outdated version names its field; the reader needs the plain "reload" message instead.
  if (!state.ok && state.fieldErrors && Object.keys(state.fieldErrors).some((k) => k.startsWith("accept"))) {
    return { ...state, fieldErrors: {}, message: "conflict" };
  }
  if (state.ok) revalidatePath("/terms");
  return state;
}
