import { getTranslations } from "next-intl/server";
import { EmptyPage } from "@/components/empty-section";

export async function generateMetadata() {
  return { title: (await getTranslations("products"))("title") };
}

export default async function ProductsPage() {
  const t = await getTranslations("products");
  return (
    <EmptyPage
      title={t("title")}
      lead={t("lead")}
      emptyTitle={t("empty")}
      emptyBody={t("lead")}
      icon="cube"
    />
  );
}
