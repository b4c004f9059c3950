"use client";

import { useTranslations } from "next-intl";
import { ActionForm, SubmitButton } from "@/components/form";
import type { FormState } from "@/lib/web/forms";

type Action = (s: FormState, f: FormData) => Promise<FormState>;

/** "Take": the signed-in sales person follows an unassigned trial from now on. */
export function TakeButton({ trialId, action, label }: { trialId: string; action: Action; label?: string }) {
  const t = useTranslations("trials.row");
  return (
    <ActionForm action={action} className="space-y-1">
      <input type="hidden" name="trialId" value={trialId} />
      <input type="hidden" name="salesUserId" value="me" />
      <SubmitButton variant="secondary" pending={t("taking")} className="px-2.5 py-1 text-xs">
        {label ?? t("take")}
      </SubmitButton>
    </ActionForm>
  );
}
