import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { listHref, Pager } from "@/components/list-controls";
import { NoOrganisation } from "@/components/no-organisation";
import {
  Badge,
  ButtonLink,
  buttonClass,
  Card,
  EmptyState,
  Icon,
  PageHeader,
  Table,
  Td,
} from "@/components/ui";
import {
  INVITATION_STATUSES,
  listAppInvitations,
  listInvitationsSchema,
} from "@/lib/invitations/list-app-invitations";
import { can } from "@/lib/permissions";
import { db } from "@/lib/server/portal";
import { listServers } from "@/lib/servers/list-servers";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { resendFailedAction, resendInvitationAction } from "./actions";
import { AutoRefresh, ResendButton, ResendFailedButton } from "./history-controls";

export async function generateMetadata() {
  return { title: (await getTranslations("invitations"))("title") };
}

const tone = { queued: "amber", sent: "green", failed: "red" } as const;

export default async function InvitationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const actor = await requireActor();
  if (!actor.org) return <NoOrganisation />;
  const filters = listInvitationsSchema.parse(await searchParams);
  const data = await orNotFound(() => listAppInvitations(db, actor, filters));
  const servers = await listServers(db, actor);
  const t = await getTranslations("invitations");
  const format = await getFormatter();
  const canSend = can(actor, "invitations.send");
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  const any = data.counts.queued + data.counts.sent + data.counts.failed > 0;
  // No defaults left out: the first page keeps its explicit `page=1`, as these links always had.
  const link = (change: Record<string, string | number | undefined>) =>
    listHref(
      "/invitations",
      { status: filters.status, serverId: filters.serverId, q: filters.q, page: filters.page },
      change,
      {},
    );
  return (
    <>
      <PageHeader
        title={t("title")}
        lead={t("lead")}
        actions={
          canSend && servers.length > 0 ? (
            <ButtonLink href="/invitations/new">{t("new")}</ButtonLink>
          ) : undefined
        }
      />
      {!any ? (
        <EmptyState
          icon={<Icon name="mail" />}
          title={t("emptyTitle")}
          body={servers.length ? t("emptyBody") : t("noServers")}
          action={
            canSend && servers.length > 0 ? (
              <ButtonLink href="/invitations/new">{t("new")}</ButtonLink>
            ) : undefined
          }
        />
      ) : (
        <>
          <div className="mb-4 grid gap-3 sm:grid-cols-3">
            {INVITATION_STATUSES.map((s) => (
              <Link key={s} href={link({ status: filters.status === s ? undefined : s, page: undefined })}>
                <Card
                  className={`p-4 transition hover:shadow ${filters.status === s ? "ring-2 ring-brand-500" : ""}`}
                >
                  <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">
                    {t(`counts.${s}`)}
                  </p>
                  <p className="mt-1 text-2xl font-semibold" data-count={s}>
                    {data.counts[s]}
                  </p>
                </Card>
              </Link>
            ))}
          </div>
          {data.counts.queued > 0 && <AutoRefresh label={t("delivering", { count: data.counts.queued })} />}
          <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
            <form className="flex flex-wrap items-end gap-2" action="/invitations">
              <input
                name="q"
                defaultValue={filters.q}
                placeholder={t("filters.search")}
                aria-label={t("filters.search")}
                className="rounded-md border-0 px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset"
              />
              <select
                name="serverId"
                defaultValue={filters.serverId ?? ""}
                aria-label={t("columns.server")}
                className="rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset"
              >
                <option value="">{t("filters.allServers")}</option>
                {servers.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
              <select
                name="status"
                defaultValue={filters.status ?? ""}
                aria-label={t("columns.status")}
                className="rounded-md border-0 bg-white px-3 py-2 text-sm ring-1 ring-slate-300 ring-inset"
              >
                <option value="">{t("filters.all")}</option>
                {INVITATION_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`status.${s}`)}
                  </option>
                ))}
              </select>
              <button type="submit" className={buttonClass("secondary")}>
                {t("filters.apply")}
              </button>
            </form>
            {canSend && data.counts.failed > 0 && (
              <ResendFailedButton action={resendFailedAction} count={data.counts.failed} />
            )}
          </div>
          <Table
            head={[
              t("columns.recipient"),
              t("columns.server"),
              t("columns.sentBy"),
              t("columns.when"),
              t("columns.status"),
              "",
            ]}
          >
            {data.invitations.map((i) => (
              <tr key={i.id} data-invitation={i.email}>
                <Td>
                  <p className="font-medium text-slate-900">{i.recipientName || i.email}</p>
                  {i.recipientName && <p className="text-xs text-slate-500">{i.email}</p>}
                  {i.loginName && (
                    <p className="text-xs text-slate-400">
                      {i.loginName} · {i.locale.toUpperCase()}
                    </p>
                  )}
                </Td>
                <Td>
                  <p>{i.serverName}</p>
                  <p className="font-mono text-xs text-slate-500">{i.serverId}</p>
                </Td>
                <Td className="text-slate-600">{i.sentBy ?? "–"}</Td>
                <Td className="whitespace-nowrap text-xs text-slate-500">
                  {format.dateTime(i.lastQueuedAt, { dateStyle: "short", timeStyle: "short" })}
                </Td>
                <Td>
                  <Badge tone={tone[i.status]}>{t(`status.${i.status}`)}</Badge>
                  {i.status !== "sent" && i.attempts ? (
                    <p className="mt-1 text-xs text-slate-500">{t("attempts", { count: i.attempts })}</p>
                  ) : null}
                  {i.status !== "sent" && i.failure && (
                    <p className="mt-0.5 max-w-56 text-xs text-red-600" data-failure={i.failure}>
                      {t(`failure.${i.failure}`)}
                      {i.status !== "failed" && ` ${t("failureRetry")}`}
                    </p>
                  )}
                </Td>
                <Td className="text-right">
                  {canSend && <ResendButton invitationId={i.id} action={resendInvitationAction} />}
                </Td>
              </tr>
            ))}
          </Table>
          <Pager
            page={data.page}
            pageCount={pages}
            href={(n) => link({ page: n })}
            labels={{
              pageOf: t("page", { page: data.page, pages }),
              previous: t("previous"),
              next: t("next"),
            }}
          />
        </>
      )}
    </>
  );
}
