"use client";

import { useTranslations } from "next-intl";
import {
  createContext,
  type FormEvent,
  type ReactNode,
  startTransition,
  useActionState,
  useContext,
  useId,
} from "react";
import { useFormStatus } from "react-dom";
import type { FormState } from "@/lib/web/forms";
import { type ButtonVariant, buttonClass, cx, Notice } from "./ui";

const StateContext = createContext<FormState>({ ok: false });
const PendingContext = createContext(false);

type Action = (state: FormState, form: FormData) => Promise<FormState>;

/**
 * A form bound to a server action. Field errors from the action appear next to their fields; a
 * form-level message above the buttons. Browser validation is off so every message is ours.
 */
export function ActionForm({
  action,
  children,
  className,
  successMessage,
  resetOnSuccess = false,
}: {
  action: Action;
  children: ReactNode;
  className?: string;
  /** Shown when the action succeeds; defaults to the action's own message code. */
  successMessage?: string;
  resetOnSuccess?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  // Dispatched by hand: React resets a form after an action it submitted itself, which could wipe
  // what someone typed just after an error came back. `action` stays for the form to work without JS.
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const data = new FormData(event.currentTarget, submitter);
    startTransition(() => formAction(data));
  };
  return (
    <StateContext.Provider value={state}>
      <PendingContext.Provider value={pending}>
        <form
          action={formAction}
          onSubmit={submit}
          noValidate
          className={cx("space-y-4", className)}
          key={resetOnSuccess && state.ok ? state.at : undefined}
        >
          <FormMessage successMessage={successMessage} />
          {children}
        </form>
      </PendingContext.Provider>
    </StateContext.Provider>
  );
}

/** Supplies form state to Fields rendered by a form that is not an ActionForm. */
export const FormStateProvider = StateContext.Provider;

export function useFormState(): FormState {
  return useContext(StateContext);
}

export function FormMessage({ successMessage }: { successMessage?: string }) {
  const state = useFormState();
  const t = useTranslations("errors");
  if (state.ok && successMessage) return <Notice tone="success">{successMessage}</Notice>;
  if (state.ok || !state.message) return null;
  const minutes = Math.max(1, Math.ceil((state.retryAfterSeconds ?? 60) / 60));
  const known = t.has(state.message) ? state.message : "unexpected";
  return <Notice tone="error">{t(known, { minutes })}</Notice>;
}

type FieldProps = {
  name: string;
  label: string;
  type?: string;
  hint?: string;
  autoComplete?: string;
  defaultValue?: string;
  placeholder?: string;
  maxLength?: number;
  /** Where the area words its own error codes; codes it does not know fall back to `errors`. */
  errorNamespace?: string;
  children?: ReactNode;
};

/** An error code in the area's words when it has them, else the common ones. */
function useErrorText(code: string | undefined, namespace?: string): string | null {
  const t = useTranslations("errors");
  const own = useTranslations(namespace ?? "errors");
  if (!code) return null;
  if (own.has(code)) return own(code, { minutes: 1 });
  return t.has(code) ? t(code, { minutes: 1 }) : t("validation");
}

/** A labelled input with its error right below it, wired for screen readers. */
export function Field({
  name,
  label,
  type = "text",
  hint,
  autoComplete,
  defaultValue,
  placeholder,
  maxLength,
  errorNamespace,
  children,
}: FieldProps) {
  const state = useFormState();
  const id = useId();
  const error = state.fieldErrors?.[name];
  const errorText = useErrorText(error, errorNamespace);
  const value = state.values?.[name] ?? defaultValue;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children ?? (
        <input
          id={id}
          name={name}
          type={type}
          autoComplete={autoComplete}
          defaultValue={value}
          placeholder={placeholder}
          maxLength={maxLength}
          aria-invalid={!!error}
          aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
          className={cx(
            "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-inset",
            error ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-600",
          )}
        />
      )}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {errorText && (
        <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-600" data-field-error={name}>
          {errorText}
        </p>
      )}
    </div>
  );
}

export function SelectField({
  name,
  label,
  options,
  defaultValue,
}: {
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
}) {
  const state = useFormState();
  const id = useId();
  const t = useTranslations("errors");
  const error = state.fieldErrors?.[name];
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <select
        // React resets a form after its action; a new key makes the select take the value just sent.
        key={state.at}
        id={id}
        name={name}
        defaultValue={state.values?.[name] ?? defaultValue}
        aria-invalid={!!error}
        className="mt-1 block w-full rounded-md border-0 bg-white px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <p className="mt-1 text-xs font-medium text-red-600" data-field-error={name}>
          {t.has(error) ? t(error, { minutes: 1 }) : t("validation")}
        </p>
      )}
    </div>
  );
}

/** A submit button that shows progress while its form is being sent. */
export function SubmitButton({
  children,
  pending,
  variant = "primary",
  className,
}: {
  children: ReactNode;
  pending?: string;
  variant?: ButtonVariant;
  className?: string;
}) {
  const status = useFormStatus();
  const busy = useContext(PendingContext) || status.pending;
  return (
    <button type="submit" disabled={busy} aria-busy={busy} className={buttonClass(variant, className)}>
      {busy && <Spinner />}
      {busy && pending ? pending : children}
    </button>
  );
}

export function Spinner() {
  return (
    <span
      aria-hidden="true"
      className="size-4 animate-spin rounded-full border-2 border-current border-r-transparent"
    />
  );
}

/** The language of a person or an e-mail: German or English. */
export function LocaleSelect({ name = "locale", defaultValue }: { name?: string; defaultValue?: string }) {
  const t = useTranslations("common");
  return (
    <SelectField
      name={name}
      label={t("language")}
      defaultValue={defaultValue}
      options={[
        { value: "de", label: t("german") },
        { value: "en", label: t("english") },
      ]}
    />
  );
}
