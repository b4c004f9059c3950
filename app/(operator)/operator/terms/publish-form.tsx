"use client";

import { useTranslations } from "next-intl";
import { ActionForm, Field, SelectField, SubmitButton, useFormState } from "@/components/form";
import { cx } from "@/components/ui";
import type { TermsKind } from "@/db/schema";
import type { FormState } from "@/lib/web/forms";

type Action = (s: FormState, f: FormData) => Promise<FormState>;

/** The version input, whose own errors (format, taken) are worded for this form. */
function VersionField() {
  const t = useTranslations("operatorTerms");
  const errors = useTranslations("errors");
  const state = useFormState();
  const error = state.fieldErrors?.version;
  const text = !error
    ? null
    : error === "invalid-version" || error === "exists"
      ? t(error)
      : errors.has(error)
        ? errors(error, { minutes: 1 })
        : errors("validation");
  return (
    <div>
      <label htmlFor="publish-version" className="block text-sm font-medium text-slate-800">
        {t("version")}
      </label>
      <input
        id="publish-version"
        name="version"
        defaultValue={state.values?.version}
        maxLength={50}
        autoComplete="off"
        aria-invalid={!!error}
        aria-describedby={error ? "publish-version-error" : "publish-version-hint"}
        className={cx(
          "mt-1 block w-full rounded-md border-0 px-3 py-2 font-mono text-sm text-slate-900 shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-inset",
          error ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-600",
        )}
      />
      {text ? (
        <p
          id="publish-version-error"
          className="mt-1 text-xs font-medium text-red-600"
          data-field-error="version"
        >
          {text}
        </p>
      ) : (
        <p id="publish-version-hint" className="mt-1 text-xs text-slate-500">
          {t("versionHint")}
        </p>
      )}
    </div>
  );
}

/**
 * React resets a form after its action; a select keeps only the value it mounted with, so it is
 * re-mounted per submission to show the kind that was sent, never silently the first one.
 */
function KindSelect({ label, kinds }: { label: string; kinds: { value: TermsKind; label: string }[] }) {
  const state = useFormState();
  return <SelectField key={state.at ?? 0} name="kind" label={label} options={kinds} />;
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
      <KindSelect label={t("kind")} kinds={kinds} />
      <VersionField />
      <Field name="titleDe" label={t("titleDe")} maxLength={200} />
      <Field name="titleEn" label={t("titleEn")} maxLength={200} />
      <SubmitButton className="w-full">{t("publish")}</SubmitButton>
    </ActionForm>
  );
}
