"use server";

import { appLinksSchema, updateAppLinks } from "@/lib/invitations/app-links";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export async function updateAppLinksAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(form, appLinksSchema, async (input) => {
    await updateAppLinks(db, actor, input);
    return "saved";
  });
}
