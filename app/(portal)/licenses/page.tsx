import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Badge, Card, EmptyState, Icon, Notice, PageHeader, Table, Td } from "@/components/ui";
import type { PortalLicenseStatus } from "@/lib/licenses/license-status";
import { licensesOverview } from "@/lib/licenses/licenses-overview";
import { can } from "@/lib/permissions";
import { db } from "@/lib/server/portal";
import { getOrganisationTrial } from "@/lib/trials/get-organisation-trial";
import { getPortalTrialOffer } from "@/lib/trials/get-portal-trial-offer";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { StartTrialOffer, TrialNotice } from "../trial/trial-panels";
import { assignLicenseAction, redeemKeyAction, unassignLicenseAction } from "./actions";
import { AssignForm, RedeemForm, RemoveForm } from "./forms";
import { UsagePanel } from "./usage";

export async function generateMetadata() {
  return { title: (await getTranslations("licenses"))("title") };
}

const statusTone: Record<PortalLicenseStatus, "green" | "amber" | "red" | "gray" | "blue"> = {
  active: "green",
  expiring: "amber",
  expired: "red",
  revoked: "gray",
  pending: "blue",
};

export default async function LicensesPage() {
  const actor = await requireActor();
  const locale = (await getLocale()) === "en" ? "en" : "de";
  const overview = await orNotFound(() => licensesOverview(db, actor, { locale }));
  const [trial, trialOffer] = await Promise.all([
    getOrganisationTrial(db, actor),
    getPortalTrialOffer(db, actor),
  ]);
  const t = await getTranslations("licenses");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const targets = overview.servers.map((s) => ({ id: s.id, label: `${s.name} (${s.serverId})` }));
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      {trial && (
        <div className="mb-6">
          <TrialNotice trial={trial} canManageServers={can(actor, "servers.manage")} />
        </div>
      )}
      {trialOffer && (
        <div className="mb-6">
          <StartTrialOffer offer={trialOffer} />
        </div>
      )}
      {!overview.canChange && (
        <div className="mb-6">
          <Notice>{t("readOnly")}</Notice>
        </div>
      )}
      <div className="mb-8 grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <UsagePanel servers={overview.servers} />
        {overview.canChange && (
          <Card className="h-fit p-5">
            <h2 className="text-base font-semibold">{t("redeemTitle")}</h2>
            <p className="mt-1 mb-4 text-sm text-slate-600">{t("redeemLead")}</p>
            <RedeemForm action={redeemKeyAction} />
          </Card>
        )}
      </div>
      <section>
        <h2 className="mb-2 text-sm font-semibold text-slate-900">{t("listTitle")}</h2>
        {overview.licenses.length === 0 ? (
          <EmptyState icon={<Icon name="key" />} title={t("emptyTitle")} body={t("emptyBody")} />
        ) : (
          <Table head={[t("product"), t("quantity"), t("validUntil"), tc("status"), t("server"), ""]}>
            {overview.licenses.map((l) => {
              const changeable =
                overview.canChange &&
                !l.trial &&
                (l.status === "active" || l.status === "expiring" || l.status === "pending");
              return (
                <tr key={l.id} data-license={l.id}>
                  <Td>
                    <p className="font-medium text-slate-900">{l.productName}</p>
                    {l.trial && <p className="text-xs text-slate-500">{t("trialReadOnly")}</p>}
                  </Td>
                  <Td className="tabular-nums">{l.quantity}</Td>
                  <Td className="whitespace-nowrap text-slate-600">
                    {l.validUntil ? format.dateTime(l.validUntil, { dateStyle: "medium" }) : t("unlimited")}
                  </Td>
                  <Td>
                    <div className="flex flex-wrap gap-1">
                      <Badge tone={statusTone[l.status]}>{t(`status.${l.status}`)}</Badge>
                      {l.trial && <Badge tone="blue">{t("trial")}</Badge>}
                    </div>
                  </Td>
                  <Td>
                    <span className="whitespace-nowrap" data-license-server={l.serverId ?? ""}>
                      {l.serverName ?? <Badge tone="amber">{t("unassigned")}</Badge>}
                    </span>
                  </Td>
                  <Td className="text-right">
                    {changeable && (
                      <div className="flex flex-wrap items-start justify-end gap-2">
                        <AssignForm
                          action={assignLicenseAction}
                          licenseId={l.id}
                          revision={l.revision}
                          currentServerId={l.serverId}
                          targets={targets}
                        />
                        {l.serverId && (
                          <RemoveForm
                            action={unassignLicenseAction}
                            licenseId={l.id}
                            revision={l.revision}
                            serverName={l.serverName ?? ""}
                          />
                        )}
                      </div>
                    )}
                  </Td>
                </tr>
              );
            })}
          </Table>
        )}
      </section>
    </>
  );
}
