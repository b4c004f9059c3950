import { getTranslations } from "next-intl/server";
import { EmptyState, Icon, PageHeader } from "@/components/ui";

export async function generateMetadata() {
  return { title: (await getTranslations("trials"))("title") };
}

export default async function TrialsPage() {
  const t = await getTranslations("trials");
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <EmptyState icon={<Icon name="rocket" />} title={t("emptyTitle")} body={t("emptyBody")} />
    </>
  );
}
