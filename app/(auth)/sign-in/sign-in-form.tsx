"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { z } from "zod";
import { ActionForm, Field, FormMessage, FormStateProvider, Spinner, SubmitButton } from "@/components/form";
import { buttonClass, cx, LeadLink, Notice } from "@/components/ui";
import { email, fieldErrorMap, password, zodFieldErrors } from "@/lib/validation";
import type { FormState } from "@/lib/web/forms";

const schema = z.object({ email, password });

type Props = {
  callbackUrl: string;
  initialError?: string;
  notice?: string;
  requestLink: (state: FormState, form: FormData) => Promise<FormState>;
};

export function SignInForm({ callbackUrl, initialError, notice, requestLink }: Props) {
  const t = useTranslations();
  const [mode, setMode] = useState<"password" | "link">("password");
  return (
    <div>
      <div role="tablist" className="mb-6 grid grid-cols-2 rounded-lg bg-slate-100 p-1 text-sm font-medium">
        {(["password", "link"] as const).map((m) => (
          <button
            key={m}
            role="tab"
            type="button"
            aria-selected={mode === m}
            onClick={() => setMode(m)}
            className={cx(
              "rounded-md py-1.5 transition",
              mode === m ? "bg-white text-slate-900 shadow-sm" : "text-slate-500 hover:text-slate-800",
            )}
          >
            {m === "password" ? t("auth.withPassword") : t("auth.withLink")}
          </button>
        ))}
      </div>
      {notice && (
        <div className="mb-4">
          <Notice tone="success">{notice}</Notice>
        </div>
      )}
      {mode === "password" ? (
        <PasswordForm callbackUrl={callbackUrl} initialError={initialError} />
      ) : (
        <ActionForm action={requestLink} successMessage={t("auth.linkSent")}>
          <Field name="email" label={t("common.email")} type="email" autoComplete="email" />
          <SubmitButton className="w-full" pending={t("auth.sending")}>
            {t("auth.sendLink")}
          </SubmitButton>
        </ActionForm>
      )}
    </div>
  );
}

function PasswordForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: string }) {
  const t = useTranslations();
  const [state, setState] = useState<FormState>({ ok: false, message: initialError });
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(event.currentTarget).entries());
    const values = { email: String(data.email ?? "") };
    const parsed = schema.safeParse(data);
    if (!parsed.success)
      return setState({
        ok: false,
        fieldErrors: fieldErrorMap(zodFieldErrors(parsed.error, "_form")),
        values,
      });
    setPending(true);
    const result = await signIn("credentials", { ...parsed.data, redirect: false, callbackUrl });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    const code = result?.error ?? "unexpected";
    if (code.startsWith("rate-limited:")) {
      setState({ ok: false, message: "rate-limited", retryAfterSeconds: Number(code.split(":")[1]), values });
    } else {
      setState({ ok: false, message: code === "CredentialsSignin" ? "unauthenticated" : code, values });
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <StatefulFields state={state} />
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className={buttonClass("primary", "w-full")}
      >
        {pending && <Spinner />}
        {pending ? t("auth.signingIn") : t("auth.signIn")}
      </button>
      <p className="text-center text-sm">
        <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
          {t("auth.forgot")}
        </Link>
      </p>
    </form>
  );
}

/** The password form's fields, reusing the shared Field through a local state provider. */
function StatefulFields({ state }: { state: FormState }) {
  const t = useTranslations();
  return (
    <FormStateProvider value={state}>
      {state.message === "unverified" ? <UnverifiedNotice /> : <FormMessage />}
      <Field name="email" label={t("common.email")} type="email" autoComplete="username" />
      <Field name="password" label={t("common.password")} type="password" autoComplete="current-password" />
    </FormStateProvider>
  );
}

/** The password was right, but the address is not confirmed yet: say so, with a way to a new link. */
function UnverifiedNotice() {
  const t = useTranslations("signUp");
  return (
    <Notice tone="warning">
      <LeadLink lead={t("unverified")} href="/verify-email" onNotice>
        {t("unverifiedResend")}
      </LeadLink>
    </Notice>
  );
}
