"use client";

import { useTranslations } from "next-intl";
import { ActionForm, Field, SubmitButton, useFormState } from "@/components/form";
import type { FormState } from "@/lib/web/forms";
import { ConfirmLink } from "../sign-in/link/confirm-link";
import type { NewAccountState } from "./actions";

type Action<S> = (s: S, f: FormData) => Promise<S>;

export function NewAccountForm({ token, action }: { token: string; action: Action<NewAccountState> }) {
  const t = useTranslations();
  return (
    <ActionForm action={action as Action<FormState>}>
      <input type="hidden" name="token" value={token} />
      <Field name="name" label={t("common.name")} autoComplete="name" maxLength={120} />
      <Field
        name="password"
        label={t("common.password")}
        type="password"
        autoComplete="new-password"
        hint={t("auth.resetLead")}
      />
      <Field name="confirm" label={t("auth.confirmPassword")} type="password" autoComplete="new-password" />
      <SubmitButton className="w-full">{t("invite.createAccount")}</SubmitButton>
      <SignInWhenCreated />
    </ActionForm>
  );
}

/** After the account exists, use the one-time token the action returned to sign in at once. */
function SignInWhenCreated() {
  const state = useFormState() as NewAccountState;
  if (!state.ok || !state.signInToken) return null;
  return <ConfirmLink token={state.signInToken} autoSubmit />;
}

export function AcceptAsUserForm({ token, action }: { token: string; action: Action<FormState> }) {
  const t = useTranslations("invite");
  return (
    <ActionForm action={action}>
      <input type="hidden" name="token" value={token} />
      <SubmitButton className="w-full">{t("accept")}</SubmitButton>
    </ActionForm>
  );
}
