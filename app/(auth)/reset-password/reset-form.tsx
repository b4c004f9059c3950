"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { ActionForm, Field, SubmitButton, useFormState } from "@/components/form";
import type { FormState } from "@/lib/web/forms";

export function ResetForm({
  token,
  action,
}: {
  token: string;
  action: (s: FormState, f: FormData) => Promise<FormState>;
}) {
  const t = useTranslations("auth");
  return (
    <ActionForm action={action}>
      <input type="hidden" name="token" value={token} />
      <Field name="password" label={t("newPassword")} type="password" autoComplete="new-password" />
      <Field name="confirm" label={t("confirmPassword")} type="password" autoComplete="new-password" />
      <SubmitButton className="w-full">{t("setPassword")}</SubmitButton>
      <GoToSignInOnSuccess />
    </ActionForm>
  );
}

function GoToSignInOnSuccess() {
  const state = useFormState();
  const router = useRouter();
  useEffect(() => {
    if (state.ok) router.push("/sign-in?notice=reset");
  }, [state.ok, router]);
  return null;
}
