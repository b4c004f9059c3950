import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { NoOrganisation } from "@/components/no-organisation";
import { Badge, Card, EmptyState, Icon, Notice, PageHeader } from "@/components/ui";
import { can } from "@/lib/permissions";
import { db } from "@/lib/server/portal";
import { consentsPageSchema, listOrgConsents } from "@/lib/terms/list-org-consents";
import { listOrgTerms } from "@/lib/terms/list-org-terms";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { AcceptTermsForm } from "./accept-form";
import { acceptTermsAction } from "./actions";
import { ConsentLedger } from "./consent-ledger";

export async function generateMetadata() {
  return { title: (await getTranslations("terms"))("title") };
}

export default async function TermsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireActor();
  const t = await getTranslations("terms");
  if (!actor.org) return <NoOrganisation />;
  const org = actor.org;
  const format = await getFormatter();
  const documents = await orNotFound(() => listOrgTerms(db, actor));
  const canAccept = can(actor, "terms.accept");
  const page = consentsPageSchema.parse((await searchParams).page);
  const ledger = canAccept ? await orNotFound(() => listOrgConsents(db, actor, { page })) : null;
  const missing = documents.filter((d) => !d.acceptance);
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      {documents.length === 0 ? (
        <EmptyState icon={<Icon name="doc" />} title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <div className="space-y-6">
          <Notice tone={missing.length === 0 ? "success" : "warning"}>
            {missing.length === 0 ? t("allAccepted") : t("someMissing", { count: missing.length })}
          </Notice>
          <ul className="grid gap-4 lg:grid-cols-3">
            {documents.map((d) => (
              <li key={d.kind} data-terms={d.kind}>
                <Card className="flex h-full flex-col p-5">
                  <div className="flex items-start justify-between gap-3">
                    <span className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-600">
                      <Icon name="doc" />
                    </span>
                    {d.acceptance ? (
                      <Badge tone="green">{t("accepted")}</Badge>
                    ) : (
                      <Badge tone="amber">{t("notAccepted")}</Badge>
                    )}
                  </div>
                  <h2 className="mt-4 text-base font-semibold text-slate-900">{d.title}</h2>
                  <p className="mt-1 text-sm text-slate-600">
                    {t("version", { version: d.version })} ·{" "}
                    {t("published", { date: format.dateTime(d.publishedAt, { dateStyle: "medium" }) })}
                  </p>
                  <p className="mt-3 flex-1 text-sm text-slate-600" data-acceptance>
                    {d.acceptance
                      ? `${t("accepted")} ${t("acceptedBy", {
                          who: d.acceptance.acceptedBy,
                          date: format.dateTime(d.acceptance.acceptedAt, {
                            dateStyle: "medium",
                            timeStyle: "short",
                          }),
                        })}`
                      : t("notAccepted")}
                  </p>
                  <Link
                    href={`/legal/${d.kind}/${encodeURIComponent(d.version)}`}
                    className="mt-4 inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:text-brand-900"
                    target="_blank"
                  >
                    {t("read")} →
                  </Link>
                </Card>
              </li>
            ))}
          </ul>
          {missing.length > 0 &&
            (canAccept ? (
              <Card className="max-w-2xl p-6">
                <h2 className="text-base font-semibold text-slate-900">{t("acceptTitle")}</h2>
                <p className="mt-1 mb-4 text-sm text-slate-600">{t("acceptLead", { org: org.name })}</p>
                <AcceptTermsForm
                  action={acceptTermsAction}
                  org={org.name}
                  documents={missing.map((d) => `${d.kind}@${d.version}`).join(" ")}
                />
              </Card>
            ) : (
              <Notice>{t("memberNote")}</Notice>
            ))}
        </div>
      )}
      {ledger ? (
        <ConsentLedger ledger={ledger} />
      ) : (
        <p className="mt-10 text-sm text-slate-500">{t("ledgerMembers")}</p>
      )}
    </>
  );
}
