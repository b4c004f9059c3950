import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { requireActor } from "@/lib/http/context";
import { updateProfileAction } from "./actions";
import { ProfileForm } from "./profile-form";

export async function generateMetadata() {
  return { title: (await getTranslations("settings"))("title") };
}

export default async function SettingsPage() {
  const actor = await requireActor();
  const t = await getTranslations("settings");
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card className="max-w-lg p-6">
        <p className="mb-4 text-sm text-slate-500">{actor.email}</p>
        <ProfileForm action={updateProfileAction} name={actor.name} locale={actor.locale} />
      </Card>
    </>
  );
}
