"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useActionState, useId } from "react";
import { CopyValue } from "@/components/copy-value";
import { ActionForm, FormMessage, FormStateProvider, SubmitButton, useFormState } from "@/components/form";
import { ButtonLink, buttonClass, cx, Notice } from "@/components/ui";
import type { FormState } from "@/lib/web/forms";
import type { CredentialState } from "./actions";

type Action = (s: FormState, f: FormData) => Promise<FormState>;
type CredentialAction = (s: CredentialState, f: FormData) => Promise<CredentialState>;

/** A labelled input whose error is worded for servers first (wrong credentials, name mismatch). */
function Input(props: {
  name: string;
  label: string;
  hint?: string;
  type?: string;
  autoComplete?: string;
  defaultValue?: string;
}) {
  const state = useFormState();
  const tServers = useTranslations("servers.errors");
  const tErrors = useTranslations("errors");
  const id = useId();
  const code = state.fieldErrors?.[props.name];
  const error = code
    ? tServers.has(code)
      ? tServers(code)
      : tErrors.has(code)
        ? tErrors(code, { minutes: 1 })
        : tErrors("validation")
    : null;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {props.label}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        autoComplete={props.autoComplete ?? "off"}
        defaultValue={state.values?.[props.name] ?? props.defaultValue}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        className={cx(
          "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-inset",
          error ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-600",
        )}
      />
      {props.hint && !error && <p className="mt-1 text-xs text-slate-500">{props.hint}</p>}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-600" data-field-error={props.name}>
          {error}
        </p>
      )}
    </div>
  );
}

function Credentials({ serverId, password }: { serverId: string; password: string }) {
  const t = useTranslations("servers.registerPage");
  return (
    <div className="space-y-4">
      <Notice tone="warning">{t("warning")}</Notice>
      <CopyValue label={t("serverId")} value={serverId} name="serverId" />
      <CopyValue label={t("password")} value={password} name="password" />
    </div>
  );
}

export function RegisterForm({ action }: { action: CredentialAction }) {
  const t = useTranslations("servers.registerPage");
  const [state, formAction] = useActionState(action, { ok: false });
  const done = state.ok ? state.credentials : undefined;
  if (done) {
    return (
      <div className="space-y-6" data-registered={done.id}>
        <h2 className="text-base font-semibold text-slate-900">{t("doneTitle")}</h2>
        <Credentials serverId={done.serverId} password={done.password} />
        <div>
          <h3 className="text-sm font-semibold text-slate-900">{t("stepsTitle")}</h3>
          <ol className="mt-2 list-decimal space-y-1.5 pl-5 text-sm text-slate-700">
            {(["step1", "step2", "step3", "step4"] as const).map((s) => (
              <li key={s}>{t(s)}</li>
            ))}
          </ol>
        </div>
        <div className="flex gap-2">
          <ButtonLink href={`/servers/${done.id}`}>{t("toServer")}</ButtonLink>
          <a href="/servers/register" className={buttonClass("secondary")}>
            {t("another")}
          </a>
        </div>
      </div>
    );
  }
  return (
    <FormStateProvider value={state}>
      <form action={formAction} noValidate className="space-y-4">
        <FormMessage />
        <Input name="name" label={t("name")} hint={t("nameHint")} />
        <SubmitButton pending={t("pending")}>{t("submit")}</SubmitButton>
      </form>
    </FormStateProvider>
  );
}

/** `serverId` fills in the Server-ID (from the claim mail's link); the password is always typed. */
export function ClaimForm({ action, serverId }: { action: Action; serverId?: string }) {
  const t = useTranslations("servers.claimPage");
  return (
    <ActionForm action={action}>
      <Input name="serverId" label={t("serverId")} defaultValue={serverId} />
      <Input name="password" label={t("password")} type="password" autoComplete="new-password" />
      <SubmitButton pending={t("pending")}>{t("submit")}</SubmitButton>
    </ActionForm>
  );
}

export function RenameForm({ action, server, name }: { action: Action; server: string; name: string }) {
  const t = useTranslations("servers.detail");
  return (
    <ActionForm action={action} successMessage={t("renamed")}>
      <input type="hidden" name="server" value={server} />
      <Input name="name" label={t("rename")} defaultValue={name} />
      <SubmitButton variant="secondary">{t("renameSubmit")}</SubmitButton>
    </ActionForm>
  );
}

export function RotateForm({ action, server }: { action: CredentialAction; server: string }) {
  const t = useTranslations("servers.detail");
  const [state, formAction] = useActionState(action, { ok: false });
  return (
    <FormStateProvider value={state}>
      <form action={formAction} className="space-y-3">
        <FormMessage />
        <input type="hidden" name="server" value={server} />
        <p className="text-sm text-slate-600">{t("rotateLead")}</p>
        {state.ok && state.credentials ? (
          <div className="space-y-2">
            <p className="text-sm font-medium text-slate-800">{t("rotateDone")}</p>
            <CopyValue label={t("rotate")} value={state.credentials.password} name="password" />
          </div>
        ) : (
          <SubmitButton variant="secondary">{t("rotateSubmit")}</SubmitButton>
        )}
      </form>
    </FormStateProvider>
  );
}

export function DisableForm({
  action,
  server,
  disabled,
}: {
  action: Action;
  server: string;
  disabled: boolean;
}) {
  const t = useTranslations("servers.detail");
  return (
    <ActionForm action={action} className="space-y-3">
      <input type="hidden" name="server" value={server} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <p className="text-sm text-slate-600">{disabled ? t("enableLead") : t("disableLead")}</p>
      <SubmitButton variant={disabled ? "secondary" : "danger"}>
        {disabled ? t("enable") : t("disable")}
      </SubmitButton>
    </ActionForm>
  );
}

/**
 * Deleting takes two steps: open, then type the server's name. The form is rendered with the page
 * (inside a closed disclosure), so it works before the page's scripts have loaded.
 */
export function DeleteForm({ action, server, name }: { action: Action; server: string; name: string }) {
  const t = useTranslations("servers.detail");
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t("deleteLead")}</p>
      <details className="group">
        <summary className={buttonClass("danger", "cursor-pointer list-none group-open:hidden")}>
          {t("delete")}
        </summary>
        <ActionForm action={action} className="space-y-3 rounded-lg bg-red-50/60 p-3 ring-1 ring-red-200">
          <input type="hidden" name="server" value={server} />
          <Input name="confirmName" label={t("deleteConfirm", { name })} />
          <SubmitButton variant="danger">{t("deleteSubmit")}</SubmitButton>
        </ActionForm>
      </details>
    </div>
  );
}

export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="text-sm text-slate-500 hover:text-slate-800">
      ← {label}
    </Link>
  );
}
