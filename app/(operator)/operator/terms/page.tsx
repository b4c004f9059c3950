import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, Card, EmptyState, Icon, PageHeader, Table, Td } from "@/components/ui";
import { type TermsKind, termsKindEnum } from "@/db/schema";
import { db } from "@/lib/server/portal";
import { listTermsDocuments } from "@/lib/terms/list-terms-documents";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { publishTermsAction } from "./actions";
import { PublishTermsForm } from "./publish-form";

export async function generateMetadata() {
  return { title: (await getTranslations("operatorTerms"))("title") };
}

export default async function OperatorTermsPage() {
  const actor = await requireActor();
  const docs = await orNotFound(() => listTermsDocuments(db, actor));
  const t = await getTranslations();
  const format = await getFormatter();
  const kinds: { value: TermsKind; label: string }[] = termsKindEnum.enumValues.map((k) => ({
    value: k,
    label: t(`terms.kinds.${k}`),
  }));
  return (
    <>
      <PageHeader title={t("operatorTerms.title")} lead={t("operatorTerms.lead")} />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
        <div className="space-y-8">
          {docs.length === 0 && (
            <EmptyState
              icon={<Icon name="doc" />}
              title={t("operatorTerms.empty")}
              body={t("operatorTerms.lead")}
            />
          )}
          {kinds.map((k) => {
            const versions = docs.filter((d) => d.kind === k.value);
            if (versions.length === 0) return null;
            return (
              <section key={k.value} data-kind={k.value}>
                <h2 className="mb-2 text-sm font-semibold text-slate-900">{k.label}</h2>
                <Table
                  head={[
                    t("operatorTerms.version"),
                    t("operatorTerms.titles"),
                    t("operatorTerms.published"),
                    "",
                  ]}
                >
                  {versions.map((d) => (
                    <tr key={d.id} data-version={d.version}>
                      <Td>
                        <span className="font-mono font-medium text-slate-900">{d.version}</span>{" "}
                        {d.isCurrent ? (
                          <Badge tone="green">{t("operatorTerms.current")}</Badge>
                        ) : (
                          <Badge>{t("operatorTerms.superseded")}</Badge>
                        )}
                      </Td>
                      <Td>
                        <p className="text-slate-900">{d.titleDe}</p>
                        <p className="text-xs text-slate-500">{d.titleEn}</p>
                      </Td>
                      <Td className="whitespace-nowrap text-slate-600">
                        {format.dateTime(d.publishedAt, { dateStyle: "medium", timeStyle: "short" })}
                      </Td>
                      <Td className="text-right">
                        <Link
                          className="text-sm font-medium text-brand-700 hover:text-brand-900"
                          href={`/legal/${d.kind}/${encodeURIComponent(d.version)}`}
                          target="_blank"
                        >
                          {t("operatorTerms.open")}
                        </Link>
                      </Td>
                    </tr>
                  ))}
                </Table>
              </section>
            );
          })}
        </div>
        <Card className="h-fit p-5">
          <h2 className="text-base font-semibold">{t("operatorTerms.publishTitle")}</h2>
          <p className="mt-1 mb-4 text-sm text-slate-600">{t("operatorTerms.publishLead")}</p>
          <PublishTermsForm action={publishTermsAction} kinds={kinds} />
        </Card>
      </div>
    </>
  );
}
