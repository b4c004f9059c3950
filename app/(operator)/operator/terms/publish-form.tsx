"use client";

import { useTranslations } from "next-intl";
import { ActionForm, Field, SelectField, SubmitButton, useFormState } from "@/components/form";
import type { TermsKind } from "@/db/schema";
import type { FormState } from "@/lib/http/action-state";

type Action = (s: FormState, f: FormData) => Promise<FormState>;

/** The version input, whose two own errors (format, taken) are worded for this form. */
function VersionField() {
  const t = useTranslations("operatorTerms");
  const state = useFormState();
  const error = state.fieldErrors?.version;
  const own = error === "invalid-version" || error === "exists" ? t(error) : null;
  return own ? (
    <Field name="version" label={t("version")} maxLength={50}>
      <input
        id="publish-version"
        name="version"
        defaultValue={state.values?.version}
        maxLength={50}
        aria-invalid
        aria-describedby="publish-version-error"
        className="mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-red-400 focus:ring-2 focus:ring-red-500"
      />
      <p
        id="publish-version-error"
        className="mt-1 text-xs font-medium text-red-600"
        data-field-error="version"
      >
        {own}
      </p>
    </Field>
  ) : (
    <Field name="version" label={t("version")} hint={t("versionHint")} maxLength={50} />
  );
}

export function PublishTermsForm({
  action,
  kinds,
}: {
  action: Action;
  kinds: { value: TermsKind; label: string }[];
}) {
  const t = useTranslations("operatorTerms");
  return (
    <ActionForm action={action} successMessage={t("published_ok")} resetOnSuccess>
      <SelectField name="kind" label={t("kind")} options={kinds} />
      <VersionField />
      <Field name="titleDe" label={t("titleDe")} maxLength={200} />
      <Field name="titleEn" label={t("titleEn")} maxLength={200} />
      <SubmitButton className="w-full">{t("publish")}</SubmitButton>
    </ActionForm>
  );
}
