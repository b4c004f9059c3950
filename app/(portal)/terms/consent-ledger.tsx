import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, buttonClass, EmptyState, Icon, Table, Td } from "@/components/ui";
import type { ConsentPage } from "@/lib/terms/list-org-consents";

/** The organisation's consents, one page at a time, with the CSV download. */
export async function ConsentLedger({ ledger }: { ledger: ConsentPage }) {
  const t = await getTranslations("terms");
  const format = await getFormatter();
  return (
    <section className="mt-10" aria-labelledby="ledger-title">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="ledger-title" className="text-base font-semibold text-slate-900">
            {t("ledgerTitle")}
          </h2>
          <p className="mt-1 text-sm text-slate-600">{t("ledgerLead")}</p>
        </div>
        {ledger.total > 0 && (
          <a href="/api/terms/consents.csv" className={buttonClass("secondary")} download>
            <Icon name="doc" className="size-4" />
            {t("download")}
          </a>
        )}
      </div>
      {ledger.total === 0 ? (
        <EmptyState icon={<Icon name="list" />} title={t("ledgerEmpty")} body={t("ledgerEmptyBody")} />
      ) : (
        <>
          <Table
            head={[
              t("col.document"),
              t("col.who"),
              t("col.when"),
              t("col.source"),
              t("col.server"),
              t("col.ip"),
            ]}
          >
            {ledger.rows.map((r) => (
              <tr key={r.id} data-consent={`${r.kind}@${r.version}`}>
                <Td>
                  <p className="font-medium text-slate-900">{t(`kinds.${r.kind}`)}</p>
                  <p className="text-xs text-slate-500">{t("version", { version: r.version })}</p>
                </Td>
                <Td className="max-w-56 truncate">{r.acceptedBy}</Td>
                <Td className="whitespace-nowrap text-slate-600">
                  {format.dateTime(r.acceptedAt, { dateStyle: "medium", timeStyle: "short" })}
                </Td>
                <Td>
                  <Badge tone={r.source === "portal" ? "blue" : "gray"}>{t(`source.${r.source}`)}</Badge>
                </Td>
                <Td>
                  {r.server ? (
                    <>
                      <p className="text-slate-900">{r.server.name}</p>
                      <p className="font-mono text-xs text-slate-500">{r.server.serverId}</p>
                    </>
                  ) : (
                    <span className="text-slate-500">{t("wholeOrg")}</span>
                  )}
                </Td>
                <Td className="font-mono text-xs text-slate-600">{r.ip ?? "–"}</Td>
              </tr>
            ))}
          </Table>
          <nav
            className="mt-3 flex items-center justify-between text-sm text-slate-600"
            aria-label="pagination"
          >
            <span>{t("pageOf", { page: ledger.page, pages: ledger.pages, total: ledger.total })}</span>
            <span className="flex gap-2">
              {ledger.page > 1 && (
                <Link className={buttonClass("secondary")} href={`/terms?page=${ledger.page - 1}`}>
                  {t("previous")}
                </Link>
              )}
              {ledger.page < ledger.pages && (
                <Link className={buttonClass("secondary")} href={`/terms?page=${ledger.page + 1}`}>
                  {t("next")}
                </Link>
              )}
            </span>
          </nav>
        </>
      )}
    </section>
  );
}
