"use client";

import { useTranslations } from "next-intl";
import { ActionForm, SubmitButton, useFormState } from "@/components/form";
import type { FormState } from "@/lib/web/forms";

type Action = (s: FormState, f: FormData) => Promise<FormState>;

function Confirm({ org }: { org: string }) {
  const t = useTranslations("terms");
  const state = useFormState();
  const error = state.fieldErrors?.confirm ?? state.fieldErrors?.documents;
  return (
    <div>
      <label className="flex items-start gap-3 text-sm text-slate-800">
        <input
          type="checkbox"
          name="confirm"
          className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
          aria-invalid={!!error}
          aria-describedby={error ? "confirm-error" : undefined}
        />
        <span>{t("confirm", { org })}</span>
      </label>
      {error && (
        <p
          id="confirm-error"
          className="mt-1 ml-7 text-xs font-medium text-red-600"
          data-field-error="confirm"
        >
          {t("confirmRequired")}
        </p>
      )}
    </div>
  );
}

export function AcceptTermsForm({
  action,
  documents,
  org,
}: {
  action: Action;
  documents: string;
  org: string;
}) {
  const t = useTranslations("terms");
  return (
    <ActionForm action={action} successMessage={t("acceptedMessage")}>
      <input type="hidden" name="documents" value={documents} />
      <Confirm org={org} />
      <SubmitButton>{t("acceptButton")}</SubmitButton>
    </ActionForm>
  );
}
