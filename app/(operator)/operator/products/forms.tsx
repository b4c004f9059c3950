"use client";

import { useTranslations } from "next-intl";
import { ActionForm, SubmitButton } from "@/components/form";
import { CheckField, CodedField } from "@/components/licensing/coded-field";
import type { Product } from "@/db/schema";
import type { FormState } from "@/lib/web/forms";

type Action = (s: FormState, f: FormData) => Promise<FormState>;

/** Create (no product given) or edit a catalogue product. */
export function ProductForm({ action, product }: { action: Action; product?: Product }) {
  const t = useTranslations("products");
  const tc = useTranslations("common");
  const num = (v: number | undefined, fallback: string) => (v === undefined ? fallback : String(v));
  // Remounted after every save: the fields then start from the saved product, whatever order
  // the form reset and the refreshed page arrive in.
  return (
    <ActionForm action={action} successMessage={product ? t("saved") : t("created")} resetOnSuccess>
      {product ? (
        <input type="hidden" name="key" value={product.key} />
      ) : (
        <CodedField
          ns="products"
          name="key"
          label={t("key")}
          hint={t("keyHint")}
          inputClassName="font-mono"
        />
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <CodedField ns="products" name="nameDe" label={t("nameDe")} defaultValue={product?.nameDe} />
        <CodedField ns="products" name="nameEn" label={t("nameEn")} defaultValue={product?.nameEn} />
        <CodedField
          ns="products"
          name="mobileUsersPerUnit"
          label={t("mobileUsersPerUnit")}
          inputMode="numeric"
          defaultValue={num(product?.mobileUsersPerUnit, "0")}
        />
        <CodedField
          ns="products"
          name="audioVideoUsersPerUnit"
          label={t("audioVideoUsersPerUnit")}
          inputMode="numeric"
          defaultValue={num(product?.audioVideoUsersPerUnit, "0")}
        />
        <CodedField
          ns="products"
          name="trialQuantity"
          label={t("trialQuantity")}
          inputMode="numeric"
          defaultValue={num(product?.trialQuantity, "0")}
        />
        <CodedField
          ns="products"
          name="sortOrder"
          label={t("sortOrder")}
          inputMode="numeric"
          defaultValue={num(product?.sortOrder, "100")}
        />
      </div>
      <fieldset className="space-y-2">
        <CheckField name="grantsPush" label={t("grantsPush")} defaultChecked={product?.grantsPush ?? false} />
        <CheckField name="grantsTurn" label={t("grantsTurn")} defaultChecked={product?.grantsTurn ?? false} />
        <CheckField name="active" label={t("active")} defaultChecked={product?.active ?? true} />
      </fieldset>
      <SubmitButton className="w-full sm:w-auto">{product ? tc("save") : t("createSubmit")}</SubmitButton>
    </ActionForm>
  );
}
