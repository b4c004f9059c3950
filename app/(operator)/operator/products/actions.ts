"use server";

import { revalidatePath } from "next/cache";
import { createProduct } from "@/lib/products/create-product";
import { createProductSchema, updateProductSchema } from "@/lib/products/product-schema";
import { updateProduct } from "@/lib/products/update-product";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export async function createProductAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, createProductSchema, async (input) => {
    await createProduct(db, actor, input);
    return "created";
  });
  if (state.ok) revalidatePath("/operator/products");
  return state;
}

export async function updateProductAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, updateProductSchema, async (input) => {
    await updateProduct(db, actor, input);
    return "saved";
  });
  if (state.ok) {
    revalidatePath("/operator/products");
    revalidatePath(`/operator/products/${encodeURIComponent(String(form.get("key")))}`);
  }
  return state;
}
