import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterBar, FilterSelect, listHref, Pager } from "@/components/list-controls";
import { RelativeTime } from "@/components/relative-time";
import { DaysLeftBadge, OriginBadge, StatusBadge } from "@/components/trials/badges";
import { AutoRefresh } from "@/components/trials/live";
import { ButtonLink, cx, EmptyState, Icon, PageHeader, Table, Td } from "@/components/ui";
import { db } from "@/lib/server/portal";
import {
  listTrialPipeline,
  type PipelineRow,
  pipelineOrigins,
  pipelineSorts,
  pipelineViews,
} from "@/lib/trials/list-trial-pipeline";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { assignTrialAction } from "../actions";
import { TakeButton } from "../forms";

export async function generateMetadata() {
  return { title: (await getTranslations("trials"))("title") };
}

type Params = Promise<Record<string, string | string[] | undefined>>;

/** The sales pipeline: every trial until it is decided, by view, sales person, search and sort. */
export default async function TrialsPage({ searchParams }: { searchParams: Params }) {
  const actor = await requireActor();
  const params = await searchParams;
  const page = await orNotFound(() => listTrialPipeline(db, actor, params));
  const t = await getTranslations("trials");
  const { query, counts } = page;
  const href = (change: Record<string, string | number | undefined>) =>
    listHref(
      "/sales/trials",
      {
        view: query.view,
        sales: query.sales,
        origin: query.origin,
        q: query.q,
        sort: query.sort,
        page: query.page,
      },
      change,
      { view: "open", sort: "ends", page: 1 },
    );
  const startButton = <ButtonLink href="/sales/trials/new">{t("start")}</ButtonLink>;
  // Every trial is either still open or converted.
  const total = counts.open + counts.converted;
  const filtered = !!(query.q || query.sales || query.origin);

  if (total === 0 && !filtered) {
    return (
      <>
        <PageHeader title={t("title")} lead={t("lead")} />
        <EmptyState
          icon={<Icon name="rocket" />}
          title={t("emptyTitle")}
          body={t("emptyBody")}
          action={startButton}
        />
      </>
    );
  }

  return (
    <>
      <AutoRefresh />
      <PageHeader title={t("title")} lead={t("lead")} actions={startButton} />
      <nav className="mb-4 flex flex-wrap gap-1 border-b border-slate-200" aria-label={t("views.label")}>
        {pipelineViews.map((v) => {
          const active = v === query.view;
          const count = v === "all" ? total : counts[v];
          return (
            <Link
              key={v}
              href={href({ view: v, page: 1 })}
              aria-current={active ? "page" : undefined}
              data-view={v}
              className={cx(
                "-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium",
                active
                  ? "border-brand-600 text-brand-700"
                  : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )}
            >
              {t(`views.${v}`)}
              <span
                data-count={v}
                className={cx(
                  "rounded-full px-1.5 py-0.5 text-xs tabular-nums",
                  active ? "bg-brand-50 text-brand-700" : "bg-slate-100 text-slate-600",
                )}
              >
                {count}
              </span>
            </Link>
          );
        })}
      </nav>
      <FilterBar
        action="/sales/trials"
        hidden={{ view: query.view === "open" ? undefined : query.view }}
        search={{ label: t("filter.search"), placeholder: t("filter.searchPlaceholder"), value: query.q }}
        applyLabel={t("filter.apply")}
        reset={
          filtered && {
            href: href({ q: "", sales: undefined, origin: undefined, page: 1 }),
            label: t("filter.reset"),
          }
        }
      >
        <FilterSelect
          name="sales"
          value={query.sales}
          label={t("filter.sales")}
          options={[
            { value: "", label: t("filter.everyone") },
            { value: "me", label: t("filter.mine") },
            { value: "unassigned", label: t("filter.unassigned") },
            ...page.salesPeople.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <FilterSelect
          name="origin"
          value={query.origin}
          label={t("filter.origin")}
          options={[
            { value: "", label: t("filter.anyOrigin") },
            ...pipelineOrigins.map((o) => ({ value: o, label: t(`origin.${o}`) })),
          ]}
        />
        <FilterSelect
          name="sort"
          value={query.sort}
          label={t("filter.sortBy")}
          options={pipelineSorts.map((s) => ({
            value: s,
            label: `${t("filter.sortBy")}: ${t(`sort.${s}`)}`,
          }))}
        />
      </FilterBar>
      <p className="mb-2 text-sm text-slate-500" data-total={page.total}>
        {t("count", { total: page.total })}
      </p>
      {page.rows.length === 0 ? (
        <EmptyState icon={<Icon name="rocket" />} title={t("noMatchTitle")} body={t("noMatchBody")} />
      ) : (
        <Table
          head={[
            t("col.company"),
            t("col.owner"),
            t("col.salesPerson"),
            t("col.daysLeft"),
            t("col.server"),
            t("col.users"),
          ]}
        >
          {page.rows.map((row) => (
            <PipelineRowView key={row.id} row={row} />
          ))}
        </Table>
      )}
      <Pager
        page={page.page}
        pageCount={page.pageCount}
        href={(n) => href({ page: n })}
        labels={{
          pageOf: t("pageOf", { page: page.page, pages: page.pageCount }),
          previous: t("previous"),
          next: t("next"),
        }}
      />
    </>
  );
}

async function PipelineRowView({ row }: { row: PipelineRow }) {
  const t = await getTranslations("trials");
  const server = row.server;
  return (
    <tr data-trial={row.id} className="hover:bg-slate-50">
      <Td>
        <div className="flex flex-wrap items-center gap-1.5">
          <Link href={`/sales/trials/${row.id}`} className="font-medium text-slate-900 hover:text-brand-700">
            {row.company}
          </Link>
          <OriginBadge origin={row.origin} />
        </div>
        {!row.claimed && <p className="text-xs text-amber-700">{t("row.selfStarted")}</p>}
        {row.owner && row.contactEmail && row.contactEmail !== row.owner.email && (
          <p className="max-w-44 truncate text-xs text-slate-500" title={row.contactEmail}>
            {t("row.contact", { email: row.contactEmail })}
          </p>
        )}
      </Td>
      <Td>
        {row.owner ? (
          <>
            <p className="text-slate-900">{row.owner.name}</p>
            <p className="max-w-44 truncate text-xs text-slate-500" title={row.owner.email}>
              {row.owner.email}
            </p>
          </>
        ) : row.claimed ? (
          row.contactEmail ? (
            <div className="text-xs text-slate-500" data-invited>
              <p>{t("row.invited")}</p>
              <p className="max-w-44 truncate" title={row.contactEmail}>
                {row.contactEmail}
              </p>
            </div>
          ) : (
            <p className="text-xs text-slate-500">{t("row.noOwner")}</p>
          )
        ) : (
          <p className="text-xs text-slate-500">{t("row.notClaimed")}</p>
        )}
      </Td>
      <Td>
        {row.salesPerson ? (
          row.salesPerson.name
        ) : (
          <div className="space-y-1">
            <p className="text-xs text-slate-500">{t("row.unassigned")}</p>
            {!row.convertedAt && <TakeButton trialId={row.id} action={assignTrialAction} />}
          </div>
        )}
      </Td>
      <Td>
        <DaysLeftBadge endsAt={row.endsAt} convertedAt={row.convertedAt} extended={row.extended} />
      </Td>
      <Td>
        {!server ? (
          <span className="text-xs text-slate-500">{row.convertedAt ? "–" : t("row.noServer")}</span>
        ) : server.deleted ? (
          <span className="text-xs text-slate-500">{t("row.serverDeleted")}</span>
        ) : (
          <div data-server={server.serverId}>
            <StatusBadge status={server.status} />
            {server.lastSeenAt && (
              <p className="mt-0.5 text-xs whitespace-nowrap text-slate-500">
                {t.rich("row.lastSeen", {
                  time: () => <RelativeTime at={server.lastSeenAt!.toISOString()} />,
                })}
              </p>
            )}
          </div>
        )}
      </Td>
      <Td className="whitespace-nowrap text-xs">
        {server?.users ? (
          <div data-users={`${server.users.mobile}/${server.users.audioVideo}/${server.users.total}`}>
            <p className="text-slate-800">
              {t("row.mobile", { count: server.users.mobile })} ·{" "}
              {t("row.audioVideo", { count: server.users.audioVideo })}
            </p>
            <p className="text-slate-500">{t("row.total", { count: server.users.total })}</p>
          </div>
        ) : (
          <span className="text-slate-400">–</span>
        )}
      </Td>
    </tr>
  );
}
