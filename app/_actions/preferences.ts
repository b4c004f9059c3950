"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { isLocale, LOCALE_COOKIE } from "@/lib/i18n/locale";
import { db } from "@/lib/server/portal";
import { setUserLocale } from "@/lib/users/update-profile";
import { getActor, ORG_COOKIE } from "@/lib/web/context";

const YEAR = 60 * 60 * 24 * 365;

/** Switches the interface language; signed-in people also get e-mails in it from now on. */
export async function setLocaleAction(form: FormData): Promise<void> {
  const value = form.get("locale");
  if (!isLocale(value)) return;
  (await cookies()).set(LOCALE_COOKIE, value, { path: "/", maxAge: YEAR, sameSite: "lax", httpOnly: true });
  const actor = await getActor();
  if (actor) await setUserLocale(db, actor, value);
}

/** Switches the current organisation; only one the caller belongs to is accepted. */
export async function switchOrganisationAction(form: FormData): Promise<void> {
  const actor = await getActor();
  const id = form.get("organisationId");
  if (!actor || typeof id !== "string" || !actor.organisations.some((o) => o.id === id)) redirect("/");
  (await cookies()).set(ORG_COOKIE, id, { path: "/", maxAge: YEAR, sameSite: "lax", httpOnly: true });
  redirect("/overview");
}
