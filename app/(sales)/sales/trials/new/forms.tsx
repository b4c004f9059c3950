"use client";

import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, startTransition, useActionState, useState } from "react";
import { CopyValue } from "@/components/copy-value";
import { FormMessage, FormStateProvider, LocaleSelect, SubmitButton } from "@/components/form";
import { CodedField } from "@/components/licensing/coded-field";
import { ButtonLink, buttonClass, Notice } from "@/components/ui";
import type { StartState } from "../actions";

type Action = (s: StartState, f: FormData) => Promise<StartState>;

/** Start a trial for a prospect; on success the trial, and a pre-registered server's access data once. */
export function StartTrialForm({ action, defaultLocale }: { action: Action; defaultLocale: string }) {
  const t = useTranslations("trials.new");
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const [preRegister, setPreRegister] = useState(state.values?.preRegister === "on");
  const [company, setCompany] = useState(state.values?.company ?? "");
  if (state.ok && state.started) return <Started started={state.started} />;
  // Dispatched by hand so that React's reset after the action cannot wipe what was typed.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => formAction(data));
  };
  return (
    <FormStateProvider value={state}>
      <form action={formAction} onSubmit={submit} noValidate className="space-y-4" aria-busy={pending}>
        <FormMessage />
        <CodedField
          ns="trials"
          name="company"
          label={t("company")}
          autoComplete="organization"
          onValue={setCompany}
        />
        <div className="grid gap-4 md:grid-cols-2">
          <CodedField ns="trials" name="contactName" label={t("contactName")} autoComplete="name" />
          <CodedField
            ns="trials"
            name="contactEmail"
            label={t("contactEmail")}
            type="email"
            inputMode="email"
            autoComplete="email"
            hint={t("contactEmailHint")}
          />
        </div>
        <div className="max-w-xs">
          <LocaleSelect defaultValue={defaultLocale} />
        </div>
        <fieldset className="space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200">
          <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
            <input
              type="checkbox"
              name="preRegister"
              checked={preRegister}
              onChange={(e) => setPreRegister(e.target.checked)}
              className="size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
            />
            {t("preRegister")}
          </label>
          {preRegister && (
            <CodedField
              ns="trials"
              name="serverName"
              label={t("serverName")}
              placeholder={company.trim() ? `UCServer ${company.trim()}` : undefined}
              hint={t("serverNameHint")}
            />
          )}
        </fieldset>
        <SubmitButton pending={t("pending")}>{t("submit")}</SubmitButton>
      </form>
    </FormStateProvider>
  );
}

function Started({ started }: { started: NonNullable<StartState["started"]> }) {
  const t = useTranslations("trials.new");
  const format = useFormatter();
  const date = format.dateTime(new Date(started.endsAt), { dateStyle: "long" });
  return (
    <div className="space-y-5" data-started={started.trialId}>
      <div>
        <h2 className="text-base font-semibold text-slate-900">
          {t("successTitle", { company: started.company })}
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          {t("successBody", { email: started.contactEmail, date })}
        </p>
      </div>
      {started.server ? (
        <div className="space-y-4 rounded-lg border border-emerald-200 bg-emerald-50 p-4">
          <h3 className="text-sm font-semibold text-emerald-900">{t("credentialsTitle")}</h3>
          <Notice tone="warning">{t("credentialsWarning")}</Notice>
          <CopyValue label={t("serverId")} value={started.server.serverId} name="serverId" onTint />
          <CopyValue label={t("password")} value={started.server.password} name="password" onTint />
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("noServerBody")}</p>
      )}
      <div className="flex flex-wrap gap-2">
        <ButtonLink href={`/sales/trials/${started.trialId}`}>{t("toTrial")}</ButtonLink>
        <a href="/sales/trials/new" className={buttonClass("secondary")}>
          {t("another")}
        </a>
      </div>
    </div>
  );
}
