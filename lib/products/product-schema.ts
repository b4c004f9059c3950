import { z } from "zod";
import { text } from "@/lib/validation";

const count = (max: number) =>
  z.coerce
    .number({ error: "whole-number" })
    .int({ error: "whole-number" })
    .min(0, { error: "too-small" })
    .max(max, { error: "too-large" });

// Checkboxes send "on" when ticked and nothing otherwise.
const flag = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/** The editable fields of a product, as the catalogue form sends them. */
export const productFieldsSchema = z.object({
  nameDe: text(120),
  nameEn: text(120),
  mobileUsersPerUnit: count(10_000),
  audioVideoUsersPerUnit: count(10_000),
  grantsPush: flag,
  grantsTurn: flag,
  trialQuantity: count(10_000),
  active: flag,
  sortOrder: count(100_000),
});
export type ProductFields = z.infer<typeof productFieldsSchema>;

/** A product key is part of the protocol (licenses name it): lower-case words joined by hyphens. */
export const productKeySchema = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required" })
  .max(40, { error: "too-long" })
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, { error: "key-format" });

export const createProductSchema = productFieldsSchema.extend({ key: productKeySchema });
export type CreateProductInput = z.infer<typeof createProductSchema>;

export const updateProductSchema = productFieldsSchema.extend({ key: z.string().max(40) });
export type UpdateProductInput = z.infer<typeof updateProductSchema>;
