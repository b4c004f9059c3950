"use client";

import { useTranslations } from "next-intl";
import { ActionForm, SubmitButton } from "@/components/form";
import type { NotificationSetting } from "@/lib/notifications/list-notification-settings";
import type { FormState } from "@/lib/web/forms";

type Action = (s: FormState, f: FormData) => Promise<FormState>;

function Toggle({
  name,
  label,
  hint,
  checked,
}: {
  name: string;
  label: string;
  hint: string;
  checked: boolean;
}) {
  return (
    <label className="flex items-start gap-3">
      <input
        type="checkbox"
        name={name}
        defaultChecked={checked}
        className="mt-0.5 size-4 rounded border-slate-300 text-brand-600 focus:ring-brand-600"
      />
      <span>
        <span className="block text-sm font-medium text-slate-800">{label}</span>
        <span className="block text-xs text-slate-500">{hint}</span>
      </span>
    </label>
  );
}

/** One organisation's e-mail settings; each organisation the person owns has its own form. */
export function NotificationsForm({ action, setting }: { action: Action; setting: NotificationSetting }) {
  const t = useTranslations("notifications");
  return (
    <ActionForm action={action} successMessage={t("saved")}>
      <input type="hidden" name="organisationId" value={setting.organisationId} />
      <Toggle
        name="notifyServerStatus"
        label={t("serverStatus")}
        hint={t("serverStatusHint")}
        checked={setting.notifyServerStatus}
      />
      <Toggle name="notifyExpiry" label={t("expiry")} hint={t("expiryHint")} checked={setting.notifyExpiry} />
      <Toggle
        name="notifyConnectivity"
        label={t("connectivity")}
        hint={t("connectivityHint")}
        checked={setting.notifyConnectivity}
      />
      <SubmitButton variant="secondary">{t("save")}</SubmitButton>
    </ActionForm>
  );
}
