"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "@/lib/errors";
import { assignLicense, assignLicenseSchema } from "@/lib/licenses/assign-license";
import { redeemLicenseKey, redeemLicenseKeySchema } from "@/lib/licenses/redeem-license-key";
import { unassignLicense, unassignLicenseSchema } from "@/lib/licenses/unassign-license";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { type FormState, formError, runForm } from "@/lib/web/forms";

export async function redeemKeyAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, redeemLicenseKeySchema, async (input) => {
    await redeemLicenseKey(db, actor, input);
    return "redeemed";
  });
  if (state.ok) revalidatePath("/licenses");
  return state;
}

/**
 * Runs an assignment change. The page is revalidated on a conflict too, so the person sees what
 * the other change left behind; a malformed id is as unknown as a foreign one.
 */
async function onLicense(run: () => Promise<unknown>): Promise<FormState> {
  try {
    await run();
    return { ok: true, message: "moved", at: Date.now() };
  } catch (error) {
    return { ...formError(error), at: Date.now() };
  } finally {
    revalidatePath("/licenses");
  }
}

export async function assignLicenseAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const parsed = assignLicenseSchema.safeParse(Object.fromEntries(form.entries()));
  if (!parsed.success) {
    if (!form.get("serverId")) return { ok: false, fieldErrors: { serverId: "required" }, at: Date.now() };
    return formError(notFound());
  }
  return onLicense(() => assignLicense(db, actor, parsed.data));
}

export async function unassignLicenseAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const parsed = unassignLicenseSchema.safeParse(Object.fromEntries(form.entries()));
  if (!parsed.success) return formError(notFound());
  return onLicense(() => unassignLicense(db, actor, parsed.data));
}
