"use client";

import { useTranslations } from "next-intl";
import { ActionForm, Field, LocaleSelect, SelectField, SubmitButton } from "@/components/form";
import type { OrgRole } from "@/db/schema";
import type { FormState } from "@/lib/web/forms";

type Action = (s: FormState, f: FormData) => Promise<FormState>;

export function InviteForm({
  action,
  canInviteOwner,
  defaultLocale,
}: {
  action: Action;
  canInviteOwner: boolean;
  defaultLocale: string;
}) {
  const t = useTranslations();
  const roles: OrgRole[] = canInviteOwner ? ["member", "admin", "owner"] : ["member", "admin"];
  return (
    <ActionForm action={action} successMessage={t("members.invited")} resetOnSuccess>
      <Field name="email" label={t("common.email")} type="email" autoComplete="off" />
      <SelectField
        name="role"
        label={t("common.role")}
        options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
      />
      <LocaleSelect defaultValue={defaultLocale} />
      <SubmitButton className="w-full">{t("members.sendInvite")}</SubmitButton>
    </ActionForm>
  );
}

export function MemberActions(props: {
  userId: string;
  name: string;
  role: OrgRole;
  canChangeRole: boolean;
  changeRole: Action;
  remove: Action;
}) {
  const t = useTranslations();
  return (
    <div className="flex flex-wrap items-start justify-end gap-2">
      {props.canChangeRole && (
        <ActionForm action={props.changeRole} className="flex items-center gap-1 space-y-0">
          <input type="hidden" name="userId" value={props.userId} />
          <label className="sr-only" htmlFor={`role-${props.userId}`}>
            {t("members.changeRole")}
          </label>
          <select
            id={`role-${props.userId}`}
            name="role"
            defaultValue={props.role}
            className="w-32 rounded-md border-0 bg-white py-1 pr-7 pl-2 text-xs ring-1 ring-slate-300"
          >
            {(["member", "admin", "owner"] as const).map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
          <SubmitButton variant="secondary" className="px-2 py-1 text-xs">
            {t("common.save")}
          </SubmitButton>
        </ActionForm>
      )}
      <ActionForm action={props.remove} className="space-y-0">
        <input type="hidden" name="userId" value={props.userId} />
        <ConfirmSubmit question={t("members.removeConfirm", { name: props.name })}>
          {t("members.remove")}
        </ConfirmSubmit>
      </ActionForm>
    </div>
  );
}

export function RevokeButton({ invitationId, action }: { invitationId: string; action: Action }) {
  const t = useTranslations("members");
  return (
    <ActionForm action={action} className="space-y-0">
      <input type="hidden" name="invitationId" value={invitationId} />
      <SubmitButton variant="secondary" className="px-2 py-1 text-xs">
        {t("revoke")}
      </SubmitButton>
    </ActionForm>
  );
}

function ConfirmSubmit({ question, children }: { question: string; children: React.ReactNode }) {
  return (
    <button
      type="submit"
      onClick={(e) => {
        if (!window.confirm(question)) e.preventDefault();
      }}
      className="rounded-md px-2 py-1 text-xs font-semibold text-red-700 ring-1 ring-red-200 ring-inset hover:bg-red-50"
    >
      {children}
    </button>
  );
}
