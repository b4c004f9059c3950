import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Badge, Card, EmptyState, Icon, PageHeader, Table, Td } from "@/components/ui";
import { listLicenseKeys } from "@/lib/licenses/list-license-keys";
import { listSellableProducts } from "@/lib/products/list-sellable-products";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { issueKeyAction, revokeKeyAction } from "./actions";
import { IssueKeyForm } from "./forms";
import { revokeLicenseAction } from "./license-actions";
import { RevokeButton } from "./revoke-button";

export async function generateMetadata() {
  return { title: (await getTranslations("licenseKeys"))("title") };
}

const tone = { open: "blue", redeemed: "green", revoked: "gray" } as const;

/** License keys for sales staff and operators; the operator route shows this same page. */
export default async function LicenseKeysPage() {
  const actor = await requireActor();
  const locale = (await getLocale()) === "en" ? "en" : "de";
  const [keys, products] = await orNotFound(() =>
    Promise.all([listLicenseKeys(db, actor, { locale }), listSellableProducts(db, actor, { locale })]),
  );
  const t = await getTranslations("licenseKeys");
  const format = await getFormatter();
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card className="mb-8 p-5">
        <h2 className="mb-4 text-base font-semibold">{t("issueTitle")}</h2>
        <IssueKeyForm action={issueKeyAction} products={products} />
      </Card>
      <section>
        <h2 className="mb-2 text-sm font-semibold text-slate-900">{t("listTitle")}</h2>
        {keys.length === 0 ? (
          <EmptyState icon={<Icon name="key" />} title={t("empty")} body={t("emptyBody")} />
        ) : (
          <Table head={[t("key"), t("product"), t("validity"), t("issuedBy"), t("status"), ""]}>
            {keys.map((k) => (
              <tr key={k.id} data-key-hint={k.hint}>
                <Td className="whitespace-nowrap font-mono text-xs text-slate-600">UCL-…-{k.hint}</Td>
                <Td>
                  <p className="font-medium text-slate-900">
                    {k.quantity} × {k.productName}
                  </p>
                  {k.note && <p className="text-xs text-slate-500">{k.note}</p>}
                </Td>
                <Td className="whitespace-nowrap">
                  {k.validDays === null ? t("unlimited") : t("days", { days: k.validDays })}
                </Td>
                <Td className="whitespace-nowrap text-xs text-slate-500">
                  <p>{format.dateTime(k.createdAt, { dateStyle: "medium" })}</p>
                  <p>{k.issuedBy}</p>
                </Td>
                <Td>
                  <Badge tone={tone[k.status]}>{t(k.status)}</Badge>
                  {k.status === "redeemed" && (
                    <p className="mt-1 text-xs text-slate-500">
                      {t("redeemedBy", { org: k.redeemedBy ?? "—" })}
                      {k.redeemedAt && `, ${format.dateTime(k.redeemedAt, { dateStyle: "medium" })}`}
                    </p>
                  )}
                  {k.license?.revokedAt && (
                    <p className="mt-1 text-xs text-red-700" data-license-revoked>
                      {t("licenseRevoked", {
                        date: format.dateTime(k.license.revokedAt, { dateStyle: "medium" }),
                      })}
                    </p>
                  )}
                </Td>
                <Td className="text-right">
                  {k.status === "open" && (
                    <RevokeButton
                      name="keyId"
                      value={k.id}
                      label={t("revoke")}
                      confirm={t("revokeConfirm")}
                      action={revokeKeyAction}
                    />
                  )}
                  {k.license && !k.license.revokedAt && (
                    <RevokeButton
                      name="licenseId"
                      value={k.license.id}
                      label={t("revokeLicense")}
                      confirm={t("revokeLicenseConfirm")}
                      action={revokeLicenseAction}
                    />
                  )}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </section>
    </>
  );
}
