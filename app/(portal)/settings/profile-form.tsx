"use client";

import { useTranslations } from "next-intl";
import { ActionForm, Field, LocaleSelect, SubmitButton } from "@/components/form";
import type { FormState } from "@/lib/web/forms";

export function ProfileForm({
  action,
  name,
  locale,
}: {
  action: (s: FormState, f: FormData) => Promise<FormState>;
  name: string;
  locale: string;
}) {
  const t = useTranslations();
  return (
    <ActionForm action={action} successMessage={t("settings.profileSaved")}>
      <Field name="name" label={t("common.name")} defaultValue={name} autoComplete="name" maxLength={120} />
      <LocaleSelect defaultValue={locale} />
      <SubmitButton>{t("common.save")}</SubmitButton>
    </ActionForm>
  );
}
