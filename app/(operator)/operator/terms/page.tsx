import { getTranslations } from "next-intl/server";
import { EmptyState, Icon, PageHeader } from "@/components/ui";

export async function generateMetadata() {
  return { title: (await getTranslations("operator"))("termsTitle") };
}

export default async function OperatorTermsPage() {
  const t = await getTranslations("operator");
  return (
    <>
      <PageHeader title={t("termsTitle")} lead={t("termsLead")} />
      <EmptyState icon={<Icon name="doc" />} title={t("termsEmpty")} body={t("termsLead")} />
    </>
  );
}
