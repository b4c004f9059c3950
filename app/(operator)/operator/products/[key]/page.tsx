import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ButtonLink, Card, PageHeader } from "@/components/ui";
import { getProduct } from "@/lib/products/list-products";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { updateProductAction } from "../actions";
import { ProductForm } from "../forms";

export default async function EditProductPage({ params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const actor = await requireActor();
  const product = await orNotFound(() => getProduct(db, actor, decodeURIComponent(key)));
  if (!product) notFound();
  const t = await getTranslations("products");
  const name = (await getLocale()) === "en" ? product.nameEn : product.nameDe;
  return (
    <>
      <PageHeader
        title={t("editTitle", { name })}
        lead={t("editLead")}
        actions={
          <ButtonLink href="/operator/products" variant="secondary">
            {(await getTranslations("common"))("back")}
          </ButtonLink>
        }
      />
      <Card className="max-w-3xl p-6">
        <p className="mb-4 font-mono text-xs text-slate-500">{product.key}</p>
        <ProductForm action={updateProductAction} product={product} />
      </Card>
    </>
  );
}
