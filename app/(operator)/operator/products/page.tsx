import { getTranslations } from "next-intl/server";
import { EmptyState, Icon, PageHeader } from "@/components/ui";

export async function generateMetadata() {
  return { title: (await getTranslations("operator"))("productsTitle") };
}

export default async function ProductsPage() {
  const t = await getTranslations("operator");
  return (
    <>
      <PageHeader title={t("productsTitle")} lead={t("productsLead")} />
      <EmptyState icon={<Icon name="cube" />} title={t("productsEmpty")} body={t("productsLead")} />
    </>
  );
}
