"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { FormMessage, FormStateProvider, SubmitButton, useFormState } from "@/components/form";
import { CodedError, CodedField } from "@/components/licensing/coded-field";
import { Icon } from "@/components/ui";
import type { IssueState } from "./actions";

export function IssueKeyForm({
  action,
  products,
}: {
  action: (s: IssueState, f: FormData) => Promise<IssueState>;
  products: { key: string; name: string }[];
}) {
  const t = useTranslations("licenseKeys");
  const [state, formAction] = useActionState(action, { ok: false });
  return (
    <FormStateProvider value={state}>
      {state.ok && state.key && <IssuedKey key={state.at} value={state.key} />}
      <form action={formAction} noValidate className="space-y-4" key={state.ok ? state.at : undefined}>
        <FormMessage />
        <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
          <ProductSelect products={products} />
          <CodedField
            ns="licenseKeys"
            name="quantity"
            label={t("quantity")}
            inputMode="numeric"
            defaultValue="1"
          />
          <CodedField
            ns="licenseKeys"
            name="validDays"
            label={t("validDays")}
            hint={t("validDaysHint")}
            inputMode="numeric"
            defaultValue="365"
          />
          <CodedField ns="licenseKeys" name="note" label={t("note")} hint={t("noteHint")} />
        </div>
        <SubmitButton pending={t("issuing")}>{t("issue")}</SubmitButton>
      </form>
    </FormStateProvider>
  );
}

function IssuedKey({ value }: { value: string }) {
  const t = useTranslations("licenseKeys");
  const [copied, setCopied] = useState(false);
  return (
    <div className="mb-4 rounded-lg border border-emerald-200 bg-emerald-50 p-4" data-issued-key>
      <p className="text-sm font-semibold text-emerald-900">{t("issuedTitle")}</p>
      <div className="mt-2 flex max-w-xl items-center gap-2">
        <code className="flex-1 whitespace-nowrap rounded-md bg-white px-3 py-2 font-mono text-sm tracking-wide text-slate-900 ring-1 ring-emerald-200 select-all">
          {value}
        </code>
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => undefined);
            setCopied(true);
          }}
          className="inline-flex items-center gap-1 rounded-md bg-white px-2.5 py-2 text-xs font-semibold text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50"
        >
          {copied && <Icon name="check" className="size-4 text-emerald-600" />}
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
      <p className="mt-2 text-xs text-emerald-800">{t("issuedBody")}</p>
    </div>
  );
}

/**
 * Mounted afresh after every submission: React sets a mounted select's default from defaultValue,
 * so the reset React does after each submission keeps the product that was chosen.
 */
function ProductSelect({ products }: { products: { key: string; name: string }[] }) {
  const t = useTranslations("licenseKeys");
  const state = useFormState();
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {t("product")}
      </label>
      <select
        key={state.at}
        id={id}
        name="product"
        defaultValue={state.values?.product ?? products[0]?.key}
        className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
      >
        {products.map((p) => (
          <option key={p.key} value={p.key}>
            {p.name}
          </option>
        ))}
      </select>
      <CodedError ns="licenseKeys" name="product" />
    </div>
  );
}
