"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useId } from "react";
import { useFormState } from "@/components/form";
import { cx } from "@/components/ui";

type Namespace = "licenses" | "products" | "licenseKeys" | "trials";

/** The text for an error code: the area's own wording first, then the shared one. */
export function useErrorText(ns: Namespace) {
  const own = useTranslations(`${ns}.errors`);
  const shared = useTranslations("errors");
  return (code: string | undefined): string | null => {
    if (!code) return null;
    if (own.has(code)) return own(code);
    return shared.has(code) ? shared(code, { minutes: 1 }) : shared("validation");
  };
}

/** The error of one field of the surrounding form, in the area's words, or nothing. */
export function CodedError({ ns, name, id }: { ns: Namespace; name: string; id?: string }) {
  const state = useFormState();
  const text = useErrorText(ns)(state.fieldErrors?.[name]);
  if (!text) return null;
  return (
    <p id={id} className="mt-1 text-xs font-medium text-red-600" data-field-error={name}>
      {text}
    </p>
  );
}

/** A labelled input (or textarea) whose error codes are read from the area's messages. */
export function CodedField(props: {
  ns: Namespace;
  name: string;
  label: string;
  type?: string;
  hint?: string;
  defaultValue?: string;
  placeholder?: string;
  autoComplete?: string;
  inputMode?: "numeric" | "text" | "email";
  multiline?: boolean;
  onValue?: (value: string) => void;
  className?: string;
  inputClassName?: string;
}) {
  const state = useFormState();
  const id = useId();
  const error = state.fieldErrors?.[props.name];
  const common = {
    id,
    name: props.name,
    defaultValue: state.values?.[props.name] ?? props.defaultValue,
    placeholder: props.placeholder,
    "aria-invalid": !!error,
    "aria-describedby": error ? `${id}-error` : props.hint ? `${id}-hint` : undefined,
    className: cx(
      "mt-1 block w-full rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-inset",
      error ? "ring-red-400 focus:ring-red-500" : "ring-slate-300 focus:ring-brand-600",
      props.inputClassName,
    ),
    onChange: props.onValue
      ? (e: { currentTarget: { value: string } }) => props.onValue?.(e.currentTarget.value)
      : undefined,
  };
  return (
    <div className={props.className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {props.label}
      </label>
      {props.multiline ? (
        <textarea rows={3} {...common} />
      ) : (
        <input
          type={props.type ?? "text"}
          inputMode={props.inputMode}
          autoComplete={props.autoComplete ?? "off"}
          spellCheck={false}
          {...common}
        />
      )}
      {props.hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {props.hint}
        </p>
      )}
      <CodedError ns={props.ns} name={props.name} id={`${id}-error`} />
    </div>
  );
}

/** A checkbox that sends "on" when ticked, with its label beside it. */
export function CheckField({
  name,
  label,
  defaultChecked,
}: {
  name: string;
  label: ReactNode;
  defaultChecked?: boolean;
}) {
  const state = useFormState();
  const checked = state.values ? state.values[name] === "on" : defaultChecked;
  return (
    <label className="flex items-center gap-2 text-sm text-slate-800">
      <input
        type="checkbox"
        name={name}
        defaultChecked={checked}
        className="size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
      />
      {label}
    </label>
  );
}
