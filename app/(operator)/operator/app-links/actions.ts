"use server";

import { db } from "@/db/client";
import { type FormState, runForm } from "@/lib/http/action-state";
import { requireActor } from "@/lib/http/context";
import { appLinksSchema, updateAppLinks } from "@/lib/invitations/app-links";

export async function updateAppLinksAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return runForm(form, appLinksSchema, async (input) => {
    await updateAppLinks(db, actor, input);
    return "saved";
  });
}
