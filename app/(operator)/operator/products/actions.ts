"use server";

import { revalidatePath } from "next/cache";
import { createProduct } from "@/lib/products/create-product";
import { updateProduct } from "@/lib/products/update-product";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export async function createProductAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    await createProduct(db, actor, values);
    return "created";
  });
  if (state.ok) revalidatePath("/operator/products");
  return state;
}

export async function updateProductAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    await updateProduct(db, actor, values);
    return "saved";
  });
  if (state.ok) {
    revalidatePath("/operator/products");
    revalidatePath(`/operator/products/${encodeURIComponent(String(form.get("key")))}`);
  }
  return state;
}
