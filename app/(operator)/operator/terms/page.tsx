import { getTranslations } from "next-intl/server";
import { EmptyPage } from "@/components/empty-section";

export async function generateMetadata() {
  return { title: (await getTranslations("operatorTerms"))("title") };
}

export default async function OperatorTermsPage() {
  const t = await getTranslations("operatorTerms");
  return (
    <EmptyPage
      title={t("title")}
      lead={t("lead")}
      emptyTitle={t("empty")}
      emptyBody={t("lead")}
      icon="doc"
    />
  );
}
