"use client";

import { useTranslations } from "next-intl";
import { ActionForm, SubmitButton, useFormState } from "@/components/form";
import { CodedError, CodedField } from "@/components/licensing/coded-field";
import type { FormState } from "@/lib/web/forms";

type Action = (s: FormState, f: FormData) => Promise<FormState>;

export function RedeemForm({ action }: { action: Action }) {
  const t = useTranslations("licenses");
  return (
    <ActionForm action={action} successMessage={t("redeemed")} resetOnSuccess>
      <CodedField
        ns="licenses"
        name="key"
        label={t("keyLabel")}
        placeholder="UCL-XXXX-XXXX-XXXX-XXXX"
        inputClassName="font-mono uppercase tracking-wide"
      />
      <SubmitButton className="w-full" pending={t("redeeming")}>
        {t("redeem")}
      </SubmitButton>
    </ActionForm>
  );
}

type Target = { id: string; label: string };

/** Assign (or move) one license; carries the revision the page was rendered with. */
export function AssignForm(props: {
  action: Action;
  licenseId: string;
  revision: number;
  currentServerId: string | null;
  targets: Target[];
}) {
  const t = useTranslations("licenses");
  const options = props.targets.filter((s) => s.id !== props.currentServerId);
  if (options.length === 0) return null;
  const moving = props.currentServerId !== null;
  return (
    <ActionForm action={props.action} className="space-y-0">
      <input type="hidden" name="licenseId" value={props.licenseId} />
      <input type="hidden" name="revision" value={props.revision} />
      <div className="flex items-center gap-1.5">
        <label className="sr-only" htmlFor={`target-${props.licenseId}`}>
          {moving ? t("moveTo") : t("assignTo")}
        </label>
        <select
          id={`target-${props.licenseId}`}
          name="serverId"
          defaultValue=""
          className="w-44 rounded-md border-0 bg-white py-1 pr-7 pl-2 text-xs ring-1 ring-slate-300"
        >
          <option value="" disabled>
            {moving ? t("moveTo") : t("chooseServer")}
          </option>
          {options.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
        <SubmitButton variant={moving ? "secondary" : "primary"} className="px-2.5 py-1 text-xs">
          {moving ? t("move") : t("assign")}
        </SubmitButton>
      </div>
      <Errors />
    </ActionForm>
  );
}

export function RemoveForm(props: {
  action: Action;
  licenseId: string;
  revision: number;
  serverName: string;
}) {
  const t = useTranslations("licenses");
  return (
    <ActionForm action={props.action} className="space-y-0">
      <input type="hidden" name="licenseId" value={props.licenseId} />
      <input type="hidden" name="revision" value={props.revision} />
      <button
        type="submit"
        onClick={(e) => {
          if (!window.confirm(t("removeConfirm", { server: props.serverName }))) e.preventDefault();
        }}
        className="rounded-md px-2 py-1 text-xs font-semibold text-red-700 ring-1 ring-red-200 ring-inset hover:bg-red-50"
      >
        {t("remove")}
      </button>
      <Errors />
    </ActionForm>
  );
}

function Errors() {
  const state = useFormState();
  if (state.ok) return null;
  return (
    <div className="max-w-xs text-left">
      <CodedError ns="licenses" name="license" />
      <CodedError ns="licenses" name="serverId" />
    </div>
  );
}
