"use client";

import { useTranslations } from "next-intl";
import { ActionForm, Field, SubmitButton } from "@/components/form";
import type { FormState } from "@/lib/web/forms";

type Props = {
  action: (s: FormState, f: FormData) => Promise<FormState>;
  links: { ios: string; android: string };
};

export function AppLinksForm({ action, links }: Props) {
  const t = useTranslations("invitations.links");
  const tc = useTranslations("common");
  return (
    <ActionForm action={action} successMessage={t("saved")}>
      <Field name="ios" label={t("ios")} type="url" defaultValue={links.ios} />
      <Field name="android" label={t("android")} type="url" defaultValue={links.android} />
      <SubmitButton>{tc("save")}</SubmitButton>
    </ActionForm>
  );
}
