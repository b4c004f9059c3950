import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Badge, Card, EmptyState, Icon, PageHeader, Table, Td } from "@/components/ui";
import { listProducts } from "@/lib/products/list-products";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { createProductAction } from "./actions";
import { ProductForm } from "./forms";

export async function generateMetadata() {
  return { title: (await getTranslations("products"))("title") };
}

export default async function ProductsPage() {
  const actor = await requireActor();
  const products = await orNotFound(() => listProducts(db, actor));
  const t = await getTranslations("products");
  const en = (await getLocale()) === "en";
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <div className="grid gap-6 2xl:grid-cols-[minmax(0,1fr)_26rem]">
        <section className="min-w-0">
          {products.length === 0 ? (
            <EmptyState icon={<Icon name="cube" />} title={t("empty")} body={t("createLead")} />
          ) : (
            <Table
              head={[t("name"), t("grants"), t("trialQuantity"), t("licensesInUse"), t("sortOrder"), ""]}
            >
              {products.map((p) => (
                <tr key={p.key} data-product={p.key}>
                  <Td>
                    <p className="font-medium text-slate-900">{en ? p.nameEn : p.nameDe}</p>
                    <p className="font-mono text-xs text-slate-500">{p.key}</p>
                  </Td>
                  <Td>
                    <div className="flex flex-wrap items-center gap-1 text-xs">
                      {p.mobileUsersPerUnit > 0 && (
                        <Badge>{t("mobileBadge", { count: p.mobileUsersPerUnit })}</Badge>
                      )}
                      {p.audioVideoUsersPerUnit > 0 && (
                        <Badge>{t("avBadge", { count: p.audioVideoUsersPerUnit })}</Badge>
                      )}
                      {p.grantsPush && <Badge tone="blue">{t("push")}</Badge>}
                      {p.grantsTurn && <Badge tone="blue">{t("turn")}</Badge>}
                    </div>
                  </Td>
                  <Td className="tabular-nums">{p.trialQuantity}</Td>
                  <Td className="tabular-nums">{p.activeLicenses}</Td>
                  <Td className="tabular-nums text-slate-500">
                    {p.sortOrder}
                    {!p.active && (
                      <span className="ml-2">
                        <Badge tone="gray">{t("inactive")}</Badge>
                      </span>
                    )}
                  </Td>
                  <Td className="text-right">
                    <Link
                      href={`/operator/products/${encodeURIComponent(p.key)}`}
                      className="text-sm font-semibold text-brand-700 hover:text-brand-900"
                    >
                      {t("edit")}
                    </Link>
                  </Td>
                </tr>
              ))}
            </Table>
          )}
        </section>
        <Card className="h-fit p-5">
          <h2 className="text-base font-semibold">{t("create")}</h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">{t("createLead")}</p>
          <ProductForm action={createProductAction} />
        </Card>
      </div>
    </>
  );
}
