"use server";

import { revalidatePath } from "next/cache";
import { cookies } from "next/headers";
import { LOCALE_COOKIE } from "@/lib/i18n/locale";
import { updateNotificationSettings } from "@/lib/notifications/update-notification-settings";
import { db } from "@/lib/server/portal";
import { updateProfile } from "@/lib/users/update-profile";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export async function updateProfileAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    const saved = await updateProfile(db, actor, values);
    (await cookies()).set(LOCALE_COOKIE, saved.locale, {
      path: "/",
      sameSite: "lax",
      httpOnly: true,
      maxAge: 31536000,
    });
    return "saved";
  });
  if (state.ok) revalidatePath("/", "layout");
  return state;
}

export async function updateNotificationsAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    await updateNotificationSettings(db, actor, values);
    return "saved";
  });
  if (state.ok) revalidatePath("/settings");
  return state;
}
