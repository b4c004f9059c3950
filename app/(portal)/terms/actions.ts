"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { db } from "@/lib/server/portal";
import { acceptTermsInPortal, acceptTermsInPortalSchema } from "@/lib/terms/accept-terms-in-portal";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

// The page lists the exact versions it showed, so a version published meanwhile is refused, not
// silently accepted unseen.
const acceptFormSchema = z.object({
  confirm: z.literal("on", { error: "confirm-required" }),
  documents: z
    .string()
    .max(500)
    .transform((v) =>
      v
        .split(/\s+/)
        .filter(Boolean)
        .map((d) => {
          const at = d.indexOf("@");
          return { kind: d.slice(0, at), version: d.slice(at + 1) };
        }),
    )
    .pipe(acceptTermsInPortalSchema.shape.accept),
});

export async function acceptTermsAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, acceptFormSchema, async (input) => {
    await acceptTermsInPortal(db, actor, { accept: input.documents });
    return "accepted";
  });
  // An outdated version names its field; the reader needs the plain "reload" message instead.
  if (!state.ok && state.fieldErrors && Object.keys(state.fieldErrors).some((k) => k.startsWith("accept"))) {
    return { ...state, fieldErrors: {}, message: "conflict" };
  }
  if (state.ok) revalidatePath("/terms");
  return state;
}
