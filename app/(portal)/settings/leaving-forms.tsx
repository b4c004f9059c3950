"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { ActionForm, SubmitButton, useFormState } from "@/components/form";
import { buttonClass, cx, Notice } from "@/components/ui";
import type { FormState } from "@/lib/web/forms";

type Action = (s: FormState, f: FormData) => Promise<FormState>;

/** A message code worded for leaving and deleting first, then as every form words it. */
function useErrorText(): (code: string | undefined) => string | null {
  const tLeaving = useTranslations("leaving.errors");
  const tErrors = useTranslations("errors");
  return (code) => {
    if (!code) return null;
    if (tLeaving.has(code)) return tLeaving(code);
    return tErrors.has(code) ? tErrors(code, { minutes: 1 }) : tErrors("validation");
  };
}

/** A refusal of the whole form (the last owner leaving), shown above the buttons. */
function FormError() {
  const text = useErrorText()(useFormState().fieldErrors?._form);
  return text ? <Notice tone="error">{text}</Notice> : null;
}

/** Leaving the current organisation: one ticked box, so nobody leaves by a stray click. */
export function LeaveForm({
  action,
  organisationId,
  name,
  owner,
}: {
  action: Action;
  organisationId: string;
  name: string;
  owner: boolean;
}) {
  const t = useTranslations("leaving");
  return (
    <ActionForm action={action} className="space-y-3">
      <input type="hidden" name="organisationId" value={organisationId} />
      <p className="text-sm text-slate-600">{t("leaveLead", { name })}</p>
      {owner && <p className="text-xs text-slate-500">{t("leaveOwnerHint")}</p>}
      <FormError />
      <ConfirmBox label={t("leaveConfirm", { name })} />
      <SubmitButton variant="danger" pending={t("leavePending")}>
        {t("leaveSubmit")}
      </SubmitButton>
    </ActionForm>
  );
}

function ConfirmBox({ label }: { label: string }) {
  const error = useErrorText()(useFormState().fieldErrors?.confirm);
  const id = useId();
  return (
    <div>
      <label className="flex items-start gap-3">
        <input
          type="checkbox"
          name="confirm"
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : undefined}
          className="mt-0.5 size-4 rounded border-slate-300 text-red-600 focus:ring-red-600"
        />
        <span className="text-sm text-slate-800">{label}</span>
      </label>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-600" data-field-error="confirm">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * Deleting the organisation: open, read what happens, type its name. Rendered with the page inside
 * a closed disclosure, so it works before the page's scripts have loaded.
 */
export function DeleteOrganisationForm({
  action,
  organisationId,
  name,
}: {
  action: Action;
  organisationId: string;
  name: string;
}) {
  const t = useTranslations("leaving");
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">{t("deleteLead", { name })}</p>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
        {(["deleteServers", "deleteLicenses", "deleteMembers", "deletePersonal"] as const).map((k) => (
          <li key={k}>{t(k)}</li>
        ))}
      </ul>
      <details className="group">
        <summary className={buttonClass("danger", "cursor-pointer list-none group-open:hidden")}>
          {t("deleteOpen")}
        </summary>
        <ActionForm action={action} className="space-y-3 rounded-lg bg-red-50/60 p-3 ring-1 ring-red-200">
          <input type="hidden" name="organisationId" value={organisationId} />
          <FormError />
          <NameInput label={t("deleteConfirm", { name })} />
          <SubmitButton variant="danger" pending={t("deletePending")}>
            {t("deleteSubmit")}
          </SubmitButton>
        </ActionForm>
      </details>
    </div>
  );
}

function NameInput({ label }: { label: string }) {
  // Not echoed after an error (lib/web/forms.ts keeps back "confirm" fields): the input keeps it.
  const error = useErrorText()(useFormState().fieldErrors?.confirmName);
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={id}
        name="confirmName"
        type="text"
        autoComplete="off"
        spellCheck={false}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        className={cx(
          "mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset focus:ring-2 focus:ring-inset",
          error ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-600",
        )}
      />
      {error && (
        <p
          id={`${id}-error`}
          className="mt-1 text-xs font-medium text-red-600"
          data-field-error="confirmName"
        >
          {error}
        </p>
      )}
    </div>
  );
}
