import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterBar, FilterSelect, listHref, Pager } from "@/components/list-controls";
import { ButtonLink, EmptyState, Icon, PageHeader, Table, Td } from "@/components/ui";
import { serverStatusEnum } from "@/db/schema";
import { can } from "@/lib/permissions";
import { db } from "@/lib/server/portal";
import { searchServers, serverModes, serverSorts } from "@/lib/servers/search-servers";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { LastSeen, LiveIndicator, LiveStatusBadge, LiveStatusProvider } from "../live";
import { ModeBadge, UsersOf } from "../parts";

export async function generateMetadata() {
  return { title: (await getTranslations("servers"))("title") };
}

type Params = Promise<Record<string, string | string[] | undefined>>;

export default async function ServersPage({ searchParams }: { searchParams: Params }) {
  const actor = await requireActor();
  const params = await searchParams;
  const page = await orNotFound(() => searchServers(db, actor, params));
  const t = await getTranslations("servers");
  const isAdmin = can(actor, "servers.manage");
  const { query } = page;
  const filtered = !!(query.q || query.status || query.mode);
  const href = (change: Record<string, string | number | undefined>) =>
    listHref(
      "/servers",
      { q: query.q, status: query.status, mode: query.mode, sort: query.sort, page: query.page },
      change,
      { sort: "name", page: 1 },
    );
  const actions = isAdmin && (
    <>
      <ButtonLink href="/servers/claim" variant="secondary">
        {t("claim")}
      </ButtonLink>
      <ButtonLink href="/servers/register">{t("register")}</ButtonLink>
    </>
  );

  if (page.total === 0 && !filtered) {
    return (
      <>
        <PageHeader title={t("title")} lead={t("lead")} />
        <EmptyState
          icon={<Icon name="server" />}
          title={t("emptyTitle")}
          body={t("emptyBody")}
          action={actions && <div className="flex gap-2">{actions}</div>}
        />
      </>
    );
  }

  return (
    <LiveStatusProvider>
      <PageHeader title={t("title")} lead={t("lead")} actions={actions || undefined} />
      <FilterBar
        action="/servers"
        search={{ label: t("search"), placeholder: t("searchPlaceholder"), value: query.q }}
        applyLabel={t("apply")}
        reset={
          filtered && {
            href: href({ q: "", status: undefined, mode: undefined, page: 1 }),
            label: t("reset"),
          }
        }
      >
        <FilterSelect
          name="status"
          value={query.status}
          label={t("col.status")}
          options={[
            { value: "", label: t("allStatuses") },
            ...serverStatusEnum.enumValues.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
        />
        <FilterSelect
          name="mode"
          value={query.mode}
          label={t("col.mode")}
          options={[
            { value: "", label: t("allModes") },
            ...serverModes.map((m) => ({ value: m, label: t(`mode.${m}`) })),
          ]}
        />
        <FilterSelect
          name="sort"
          value={query.sort}
          label={t("sortBy")}
          options={serverSorts.map((s) => ({ value: s, label: `${t("sortBy")}: ${t(`sort.${s}`)}` }))}
        />
      </FilterBar>
      <div className="mb-2 flex items-center justify-between text-sm text-slate-500">
        <span data-total={page.total}>{t("count", { total: page.total })}</span>
        <LiveIndicator />
      </div>
      {page.rows.length === 0 ? (
        <EmptyState icon={<Icon name="server" />} title={t("noMatchTitle")} body={t("noMatchBody")} />
      ) : (
        <Table
          head={[
            t("col.server"),
            t("col.status"),
            t("col.mode"),
            t("col.lastSeen"),
            t("col.version"),
            t("col.mobile"),
            t("col.audioVideo"),
          ]}
        >
          {page.rows.map((s) => (
            <tr key={s.id} data-server={s.serverId} className="hover:bg-slate-50">
              <Td>
                <Link href={`/servers/${s.id}`} className="font-medium text-slate-900 hover:text-brand-700">
                  {s.name}
                </Link>
                <p className="whitespace-nowrap font-mono text-xs text-slate-500">{s.serverId}</p>
              </Td>
              <Td className="whitespace-nowrap">
                <LiveStatusBadge
                  serverId={s.id}
                  status={s.status}
                  changedAt={s.statusChangedAt.toISOString()}
                />
                {s.disabled && <span className="ml-1.5 text-xs text-slate-500">{t("disabled")}</span>}
              </Td>
              <Td>
                <ModeBadge mode={s.mode} label={t(`mode.${s.mode}`)} />
              </Td>
              <Td className="whitespace-nowrap text-slate-600">
                <LastSeen
                  serverId={s.id}
                  lastSeenAt={s.lastSeenAt?.toISOString() ?? null}
                  status={s.status}
                  changedAt={s.statusChangedAt.toISOString()}
                />
                {s.clockSkewSuspect && <p className="text-xs text-amber-700">{t("clockSkew")}</p>}
              </Td>
              <Td className="whitespace-nowrap font-mono text-xs text-slate-600">
                {s.ucserverVersion ?? "–"}
              </Td>
              <Td className="whitespace-nowrap">
                <UsersOf used={s.users?.mobile ?? null} of={s.entitled.mobile} />
              </Td>
              <Td className="whitespace-nowrap">
                <UsersOf used={s.users?.audioVideo ?? null} of={s.entitled.audioVideo} />
              </Td>
            </tr>
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
    </LiveStatusProvider>
  );
}
