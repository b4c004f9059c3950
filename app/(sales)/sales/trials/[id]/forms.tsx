"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { ActionForm, SubmitButton, useFormState } from "@/components/form";
import { CodedError, CodedField } from "@/components/licensing/coded-field";
import type { FormState } from "@/lib/web/forms";

type Action = (s: FormState, f: FormData) => Promise<FormState>;

export function ExtendForm({ trialId, days, action }: { trialId: string; days: number; action: Action }) {
  const t = useTranslations("trials.extend");
  return (
    <ActionForm action={action} className="space-y-3">
      <input type="hidden" name="trialId" value={trialId} />
      <CodedField ns="trials" name="reason" label={t("reason")} hint={t("reasonHint")} multiline />
      <SubmitButton pending={t("pending")}>{t("submit", { days })}</SubmitButton>
    </ActionForm>
  );
}

export function ConvertForm({
  trialId,
  products,
  action,
}: {
  trialId: string;
  products: { key: string; name: string; quantity: number | null }[];
  action: Action;
}) {
  const t = useTranslations("trials.convert");
  return (
    <ActionForm action={action} className="space-y-4">
      <input type="hidden" name="trialId" value={trialId} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">{t("quantities")}</legend>
        <p className="text-xs text-slate-500">{t("quantityHint")}</p>
        <div className="mt-2 space-y-2">
          {products.map((p) => (
            <QuantityRow key={p.key} product={p} />
          ))}
        </div>
        <CodedError ns="trials" name="lines" />
      </fieldset>
      <CodedField
        ns="trials"
        name="validUntil"
        label={t("validUntil")}
        type="date"
        hint={t("validUntilHint")}
      />
      <div
        onClickCapture={(e) => {
          if ((e.target as HTMLElement).closest("button[type=submit]") && !window.confirm(t("confirm"))) {
            e.preventDefault();
            e.stopPropagation();
          }
        }}
      >
        <SubmitButton pending={t("pending")}>{t("submit")}</SubmitButton>
      </div>
    </ActionForm>
  );
}

/** One product: its name beside a narrow quantity input, the error below. */
function QuantityRow({ product }: { product: { key: string; name: string; quantity: number | null } }) {
  const state = useFormState();
  const id = useId();
  const name = `quantity.${product.key}`;
  const error = !!state.fieldErrors?.[name];
  return (
    <div>
      <div className="flex items-center justify-between gap-3">
        <label htmlFor={id} className="text-sm text-slate-700">
          {product.name}
        </label>
        <input
          id={id}
          name={name}
          inputMode="numeric"
          autoComplete="off"
          defaultValue={state.values?.[name] ?? (product.quantity ? String(product.quantity) : "")}
          placeholder="0"
          aria-invalid={error}
          className={`w-24 rounded-md border-0 px-3 py-1.5 text-right text-sm tabular-nums shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-inset ${
            error ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-600"
          }`}
        />
      </div>
      <CodedError ns="trials" name={name} />
    </div>
  );
}

export function ResendInvitationForm({ trialId, action }: { trialId: string; action: Action }) {
  const t = useTranslations("trials.detail");
  return (
    <ActionForm action={action} className="mt-2 space-y-2" successMessage={t("resent")}>
      <input type="hidden" name="trialId" value={trialId} />
      <SubmitButton variant="secondary" className="px-2.5 py-1 text-xs">
        {t("resend")}
      </SubmitButton>
    </ActionForm>
  );
}

export function HandOverForm({
  trialId,
  people,
  action,
}: {
  trialId: string;
  people: { id: string; name: string }[];
  action: Action;
}) {
  const t = useTranslations("trials.detail");
  const id = useId();
  if (people.length === 0) return null;
  return (
    <ActionForm action={action} className="mt-2 space-y-1">
      <input type="hidden" name="trialId" value={trialId} />
      <label htmlFor={id} className="sr-only">
        {t("handOver")}
      </label>
      <div className="flex items-center gap-2">
        <select
          id={id}
          name="salesUserId"
          defaultValue=""
          className="min-w-0 flex-1 rounded-md border-0 bg-white py-1 pr-8 pl-2 text-xs shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
        >
          <option value="" disabled>
            {t("handOver")}…
          </option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <SubmitButton variant="secondary" className="px-2.5 py-1 text-xs">
          {t("handOverSubmit")}
        </SubmitButton>
      </div>
      <CodedError ns="trials" name="salesUserId" />
    </ActionForm>
  );
}
