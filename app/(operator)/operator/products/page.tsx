import { getTranslations } from "next-intl/server";
import { EmptyPage } from "@/components/empty-section";

export async function generateMetadata() {
  return { title: (await getTranslations("operator"))("productsTitle") };
}

export default async function ProductsPage() {
  const t = await getTranslations("operator");
  return (
    <EmptyPage
      title={t("productsTitle")}
      lead={t("productsLead")}
      emptyTitle={t("productsEmpty")}
      emptyBody={t("productsLead")}
      icon="cube"
    />
  );
}
