"use client";

import { useTranslations } from "next-intl";
import { ActionForm, Field, SubmitButton } from "@/components/form";
import type { FormState } from "@/lib/web/forms";

export function EmailRequestForm({ action }: { action: (s: FormState, f: FormData) => Promise<FormState> }) {
  const t = useTranslations();
  return (
    <ActionForm action={action} successMessage={t("auth.resetSent")}>
      <Field name="email" label={t("common.email")} type="email" autoComplete="email" />
      <SubmitButton className="w-full" pending={t("auth.sending")}>
        {t("auth.sendReset")}
      </SubmitButton>
    </ActionForm>
  );
}
