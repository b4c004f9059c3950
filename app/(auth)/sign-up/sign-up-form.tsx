"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { ActionForm, Field, LocaleSelect, SubmitButton, useFormState } from "@/components/form";
import { LeadLink, Notice } from "@/components/ui";
import type { FormState } from "@/lib/web/forms";
import type { SignUpState } from "./actions";

type Props = {
  action: (s: SignUpState, f: FormData) => Promise<SignUpState>;
  defaultLocale: "de" | "en";
  licenseVersion: string;
  privacyVersion: string;
  /** Where to continue once verified; checked again by the use case. */
  next?: string;
};

/** The sign-up form; once sent, the same "check your inbox" for every address. */
export function SignUpForm({ action, defaultLocale, licenseVersion, privacyVersion, next }: Props) {
  const t = useTranslations();
  return (
    <ActionForm action={action as (s: FormState, f: FormData) => Promise<FormState>}>
      <SentOrFields>
        <input type="hidden" name="licenseTermsVersion" value={licenseVersion} />
        <input type="hidden" name="privacyPolicyVersion" value={privacyVersion} />
        {next && <input type="hidden" name="next" value={next} />}
        <Field name="company" label={t("signUp.company")} autoComplete="organization" maxLength={200} />
        <Field name="name" label={t("signUp.name")} autoComplete="name" maxLength={120} />
        <Field name="email" label={t("signUp.email")} type="email" autoComplete="email" />
        <Field
          name="password"
          label={t("signUp.password")}
          type="password"
          autoComplete="new-password"
          hint={t("signUp.passwordHint")}
        />
        <Field name="confirm" label={t("signUp.confirm")} type="password" autoComplete="new-password" />
        <LocaleSelect defaultValue={defaultLocale} />
        <AcceptTerms licenseVersion={licenseVersion} privacyVersion={privacyVersion} />
        <SubmitButton className="w-full" pending={t("signUp.pending")}>
          {t("signUp.submit")}
        </SubmitButton>
      </SentOrFields>
    </ActionForm>
  );
}

function SentOrFields({ children }: { children: ReactNode }) {
  const state = useFormState() as SignUpState;
  const t = useTranslations("signUp.done");
  if (!state.ok) return children;
  return (
    <div className="space-y-4">
      <Notice tone="success">
        <p className="font-semibold">{t("title")}</p>
        <p className="mt-1">{t("body", { email: state.email ?? "" })}</p>
      </Notice>
      <p className="text-sm text-slate-600">
        <LeadLink lead={t("notReceived")} href="/verify-email">
          {t("resend")}
        </LeadLink>
      </p>
    </div>
  );
}

/** The one consent checkbox, linking the versions it accepts; its error right below it. */
function AcceptTerms({ licenseVersion, privacyVersion }: { licenseVersion: string; privacyVersion: string }) {
  const t = useTranslations("signUp");
  const state = useFormState();
  const error = state.fieldErrors?.accept;
  const link = (kind: string, version: string) => (chunks: ReactNode) => (
    <a
      href={`/legal/${kind}/${encodeURIComponent(version)}`}
      target="_blank"
      rel="noopener"
      className="font-medium text-brand-700 underline"
    >
      {chunks}
    </a>
  );
  return (
    <div>
      <label className="flex items-start gap-3 text-sm text-slate-800">
        <input
          type="checkbox"
          name="accept"
          defaultChecked={state.values?.accept === "on"}
          className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
          aria-invalid={!!error}
          aria-describedby={error ? "accept-error" : undefined}
        />
        <span>
          {t.rich("accept", {
            licenseVersion,
            privacyVersion,
            license: link("license-terms", licenseVersion),
            privacy: link("privacy-policy", privacyVersion),
          })}
        </span>
      </label>
      {error && (
        <p id="accept-error" className="mt-1 ml-7 text-xs font-medium text-red-600" data-field-error="accept">
          {t(error === "terms-outdated" ? "errors.terms-outdated" : "errors.must-accept")}
        </p>
      )}
    </div>
  );
}
