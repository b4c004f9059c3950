"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState } from "react";
import { Field, FormStateProvider, Spinner } from "@/components/form";
import { buttonClass } from "@/components/ui";
import type { FormState } from "@/lib/web/forms";

/**
 * "Run checks", with the TURN secret for this run where the scenario has an own TURN server. The
 * message sits next to the button (a rate limit says when to try again), and while the checks run
 * (a few seconds) the button says so. The secret field is emptied after every run.
 */
export function RunChecksForm({
  action,
  server,
  askSecret,
}: {
  action: (s: FormState, f: FormData) => Promise<FormState>;
  server: string;
  askSecret: boolean;
}) {
  const t = useTranslations("connectivity.checks");
  const tErrors = useTranslations("errors");
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
    event.currentTarget.reset();
  };
  const minutes = Math.max(1, Math.ceil((state.retryAfterSeconds ?? 60) / 60));
  const message = pending
    ? { tone: "text-slate-600", text: t("running") }
    : state.ok
      ? { tone: "text-emerald-700", text: t("ran") }
      : state.message === "conflict"
        ? { tone: "text-amber-800", text: t("runningElsewhere") }
        : state.message && !state.fieldErrors?.turnSecret
          ? {
              tone: "text-red-700",
              text: tErrors.has(state.message) ? tErrors(state.message, { minutes }) : tErrors("unexpected"),
            }
          : null;
  return (
    <FormStateProvider value={state}>
      <form action={formAction} onSubmit={submit} noValidate className="space-y-3" data-run-checks>
        <input type="hidden" name="server" value={server} />
        {askSecret && (
          <div className="max-w-md">
            <Field
              name="turnSecret"
              type="password"
              autoComplete="off"
              label={t("secret")}
              hint={t("secretHelp")}
            />
          </div>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" disabled={pending} aria-busy={pending} className={buttonClass("primary")}>
            {pending && <Spinner />}
            {t("run")}
          </button>
          {message && (
            <p
              role={message.tone === "text-red-700" ? "alert" : "status"}
              className={`text-sm ${message.tone}`}
              data-run-message
            >
              {message.text}
            </p>
          )}
        </div>
      </form>
    </FormStateProvider>
  );
}
