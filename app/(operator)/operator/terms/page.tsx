import { getTranslations } from "next-intl/server";
import { EmptyPage } from "@/components/empty-section";

export async function generateMetadata() {
  return { title: (await getTranslations("operator"))("termsTitle") };
}

export default async function OperatorTermsPage() {
  const t = await getTranslations("operator");
  return (
    <EmptyPage
      title={t("termsTitle")}
      lead={t("termsLead")}
      emptyTitle={t("termsEmpty")}
      emptyBody={t("termsLead")}
      icon="doc"
    />
  );
}
