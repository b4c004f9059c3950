"use server";

import { revalidatePath } from "next/cache";
import { assignLicense } from "@/lib/licenses/assign-license";
import { redeemLicenseKey } from "@/lib/licenses/redeem-license-key";
import { unassignLicense } from "@/lib/licenses/unassign-license";
import { db } from "@/lib/server/portal";
import type { RawValues } from "@/lib/validation";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export async function redeemKeyAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    await redeemLicenseKey(db, actor, values);
    return "redeemed";
  });
  if (state.ok) revalidatePath("/licenses");
  return state;
}

/**
 * Runs an assignment change. The page is revalidated on a conflict too, so the person sees what
 * the other change left behind.
 */
async function onLicense(form: FormData, run: (values: RawValues) => Promise<unknown>): Promise<FormState> {
  const state = await runForm(form, async (values) => {
    await run(values);
    return "moved";
  });
  revalidatePath("/licenses");
  return state;
}

export async function assignLicenseAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return onLicense(form, (values) => assignLicense(db, actor, values));
}

export async function unassignLicenseAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  return onLicense(form, (values) => unassignLicense(db, actor, values));
}
