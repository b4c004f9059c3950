"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { ActionForm, Spinner, SubmitButton, useFormState } from "@/components/form";
import type { FormState } from "@/lib/web/forms";

type Action = (s: FormState, f: FormData) => Promise<FormState>;

/** While mail is still being delivered, the page refreshes itself every few seconds. */
export function AutoRefresh({ label }: { label: string }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(timer);
  }, [router]);
  return (
    <p role="status" className="mb-4 flex items-center gap-2 text-sm text-slate-600">
      <Spinner /> {label}
    </p>
  );
}

export function ResendButton({ invitationId, action }: { invitationId: string; action: Action }) {
  const t = useTranslations("invitations");
  return (
    <ActionForm action={action} className="space-y-0" successMessage={t("resent")}>
      <input type="hidden" name="invitationId" value={invitationId} />
      <SubmitButton variant="secondary" className="px-2 py-1 text-xs">
        {t("resend")}
      </SubmitButton>
    </ActionForm>
  );
}

export function ResendFailedButton({ action, count }: { action: Action; count: number }) {
  const t = useTranslations("invitations");
  return (
    <ActionForm action={action} className="flex items-center gap-2 space-y-0">
      <ResentCount />
      <SubmitButton variant="secondary">{t("resendFailed", { count })}</SubmitButton>
    </ActionForm>
  );
}

function ResentCount() {
  const state = useFormState() as FormState & { count?: number };
  const t = useTranslations("invitations");
  if (!state.ok || state.count === undefined) return null;
  return <span className="text-sm text-emerald-700">{t("resentFailed", { count: state.count })}</span>;
}
