"use server";

import { updateAppLinks } from "@/lib/invitations/app-links";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export async function updateAppLinksAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(form, async (values) => {
    await updateAppLinks(db, actor, values);
    return "saved";
  });
}
