"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { ActionForm, Field, SubmitButton, useFormState } from "@/components/form";
import { cx } from "@/components/ui";
import type { ConnectivityInputs, ProxyKind, PublishMethod, Scenario } from "@/lib/connectivity/types";
import type { FormState } from "@/lib/web/forms";
import { FILE_OPTION_FIELDS, type FieldName, fieldGroups, publishMethod } from "./form-fields";
import { ScenarioCards } from "./scenario-cards";

type Values = Partial<Record<string, string | number>>;

/** One choice among a few, as buttons in a row (publishing method, proxy software). */
function Choice<T extends string>({
  name,
  label,
  options,
  value,
  onChange,
}: {
  name: string;
  label: string;
  options: { value: T; label: string }[];
  value: T;
  onChange: (v: T) => void;
}) {
  const state = useFormState();
  const t = useTranslations("connectivityFiles.error");
  const error = state.fieldErrors?.[name];
  return (
    <fieldset>
      <legend className="block text-sm font-medium text-slate-800">{label}</legend>
      <div className="mt-1 inline-flex flex-wrap rounded-md bg-slate-100 p-0.5">
        {options.map((o) => (
          <label
            key={o.value}
            className={cx(
              "cursor-pointer rounded px-3 py-1.5 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500",
              o.value === value ? "bg-white font-medium text-slate-900 shadow-sm" : "text-slate-600",
            )}
          >
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={o.value === value}
              onChange={() => onChange(o.value)}
              className="sr-only"
            />
            {o.label}
          </label>
        ))}
      </div>
      {error && (
        <p className="mt-1 text-xs font-medium text-red-600" data-field-error={name}>
          {t.has(error) ? t(error) : error}
        </p>
      )}
    </fieldset>
  );
}

/**
 * The scenario chooser and the fields of the chosen scenario, saved together. Switching scenario
 * keeps what was typed in fields both have; a field whose default differs (the public port: 7225
 * with forwarding, 443 behind a proxy) starts again from the new default.
 */
export function ScenarioForm({
  action,
  server,
  saved,
  defaults,
}: {
  action: (s: FormState, f: FormData) => Promise<FormState>;
  server: string;
  saved: (ConnectivityInputs & Values) | null;
  defaults: Record<Scenario, Values>;
}) {
  const t = useTranslations("connectivity");
  const tFiles = useTranslations("connectivityFiles");
  const [scenario, setScenario] = useState<Scenario | null>(saved?.scenario ?? null);
  const [publish, setPublish] = useState<PublishMethod>(saved?.publish ?? "proxy");
  const [proxyKind, setProxyKind] = useState<ProxyKind>(saved?.proxyKind ?? "nginx");
  const method = scenario ? publishMethod(scenario, publish) : null;
  // Saved values carry over to another scenario, except where that scenario has a default of its own.
  const value = (f: FieldName) => {
    const fallback = scenario ? defaults[scenario]?.[f] : undefined;
    const keep = saved && (saved.scenario === scenario || fallback === undefined);
    const v = keep ? (saved[f] ?? fallback) : fallback;
    return v === undefined ? "" : String(v);
  };
  const words = (f: FieldName) =>
    FILE_OPTION_FIELDS.includes(f)
      ? { label: t(`fileOptions.${f}.label`), hint: t(`fileOptions.${f}.help`), ns: "connectivity.error" }
      : { label: tFiles(`field.${f}.label`), hint: tFiles(`field.${f}.help`), ns: "connectivityFiles.error" };

  return (
    <ActionForm action={action} successMessage={t("scenario.saved")} className="space-y-6">
      <input type="hidden" name="server" value={server} />
      <ScenarioCards value={scenario} onChange={setScenario} />
      <ScenarioError />
      {!scenario ? (
        <p className="text-sm text-slate-500">{t("scenario.choose")}</p>
      ) : (
        <div
          className="space-y-5 rounded-lg border border-slate-200 bg-slate-50/60 p-4"
          data-fields={scenario}
        >
          <h3 className="text-sm font-semibold text-slate-900">{t("scenario.details")}</h3>
          <div className="flex flex-wrap gap-6">
            {scenario === "own-turn" && (
              <Choice
                name="publish"
                label={tFiles("field.publish.label")}
                value={publish}
                onChange={setPublish}
                options={(["forwarding", "proxy", "dmz"] as const).map((p) => ({
                  value: p,
                  label: t(`scenario.publishOptions.${p}`),
                }))}
              />
            )}
            {method && method !== "forwarding" && (
              <Choice
                name="proxyKind"
                label={tFiles("field.proxyKind.label")}
                value={proxyKind}
                onChange={setProxyKind}
                options={(["nginx", "iis"] as const).map((k) => ({
                  value: k,
                  label: tFiles(`proxyKind.${k}`),
                }))}
              />
            )}
          </div>
          {fieldGroups(scenario, publish, proxyKind).map((g) => (
            <fieldset key={g.id}>
              <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
                {t(`scenario.fieldGroup.${g.id}`)}
              </legend>
              <div className="grid gap-4 sm:grid-cols-2">
                {g.fields.map((f) => {
                  const w = words(f);
                  return (
                    <Field
                      // A new default (another scenario's port) needs a new input; the same keeps what was typed.
                      key={`${f}:${value(f)}`}
                      name={f}
                      label={w.label}
                      hint={w.hint}
                      defaultValue={value(f)}
                      errorNamespace={w.ns}
                      autoComplete="off"
                    />
                  );
                })}
              </div>
            </fieldset>
          ))}
        </div>
      )}
      <SubmitButton pending={t("scenario.saving")}>{t("scenario.save")}</SubmitButton>
    </ActionForm>
  );
}

/** "Choose a scenario" next to the chooser, when the form was sent without one. */
function ScenarioError() {
  const state = useFormState();
  const t = useTranslations("connectivityFiles.error");
  const code = state.fieldErrors?.scenario;
  if (!code) return null;
  return (
    <p className="text-xs font-medium text-red-600" data-field-error="scenario">
      {t.has(code) ? t(code) : code}
    </p>
  );
}
