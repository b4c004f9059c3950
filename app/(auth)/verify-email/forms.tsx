"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { ActionForm, Field, Spinner, SubmitButton, useFormState } from "@/components/form";
import { Notice } from "@/components/ui";
import type { FormState } from "@/lib/web/forms";
import type { VerifyState } from "./actions";

type Action<S> = (s: S, f: FormData) => Promise<S>;

/** A click confirms the address; the browser is then signed in with the token the action returns. */
export function VerifyForm({
  token,
  next,
  action,
}: {
  token: string;
  next: string;
  action: Action<VerifyState>;
}) {
  const t = useTranslations("signUp.verify");
  return (
    <ActionForm action={action as Action<FormState>}>
      <input type="hidden" name="token" value={token} />
      <SignInWhenVerified next={next}>
        <SubmitButton className="w-full" pending={t("pending")}>
          {t("button")}
        </SubmitButton>
      </SignInWhenVerified>
    </ActionForm>
  );
}

/** `next` is an on-site path (the page checked it); the signed-in person continues there. */
function SignInWhenVerified({ children, next }: { children: ReactNode; next: string }) {
  const t = useTranslations("signUp");
  const state = useFormState() as VerifyState;
  const [failed, setFailed] = useState(false);
  const started = useRef<string | null>(null);
  useEffect(() => {
    const signInToken = state.ok ? state.signInToken : undefined;
    if (!signInToken || started.current === signInToken) return;
    started.current = signInToken;
    void signIn("email-link", { token: signInToken, redirect: false, callbackUrl: next }).then((result) => {
      if (result?.ok && !result.error) window.location.assign(next);
      else setFailed(true);
    });
  }, [state.ok, state.signInToken, next]);
  if (state.ok && failed) {
    return (
      <div className="space-y-4">
        <Notice tone="success">{t("verify.verifiedSignIn")}</Notice>
        <Link href="/sign-in" className="text-sm font-medium text-brand-700 hover:underline">
          {t("signIn")} →
        </Link>
      </div>
    );
  }
  if (state.ok) {
    return (
      <p className="flex items-center justify-center gap-2 text-sm text-slate-600" aria-live="polite">
        <Spinner />
        {t("verify.signingIn")}
      </p>
    );
  }
  // The link stopped working between showing the page and the click: offer a new one right here.
  if (state.message === "gone") {
    return (
      <div className="space-y-4">
        <p className="text-sm text-slate-600">{t("resend.lead")}</p>
        <Link href="/verify-email" className="text-sm font-medium text-brand-700 hover:underline">
          {t("done.resend")} →
        </Link>
      </div>
    );
  }
  return children;
}

/** Asks for a new verification link; answers the same for every address. */
export function ResendForm({ action }: { action: Action<FormState> }) {
  const t = useTranslations();
  return (
    <ActionForm action={action} successMessage={t("signUp.resend.sent")}>
      <Field name="email" label={t("common.email")} type="email" autoComplete="email" />
      <SubmitButton className="w-full" pending={t("signUp.resend.pending")}>
        {t("signUp.resend.submit")}
      </SubmitButton>
    </ActionForm>
  );
}
