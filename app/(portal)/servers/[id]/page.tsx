import Link from "next/link";
import { getFormatter, getLocale, getTimeZone, getTranslations } from "next-intl/server";
import { Badge, Card, Notice } from "@/components/ui";
import { can } from "@/lib/permissions";
import { db } from "@/lib/server/portal";
import { getServerOverview } from "@/lib/servers/get-server-overview";
import { getServerUsage, usageRangeSchema, usageRanges } from "@/lib/servers/get-server-usage";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { deleteServerAction, renameServerAction, rotatePasswordAction, setDisabledAction } from "../actions";
import { BackLink, DeleteForm, DisableForm, RenameForm, RotateForm } from "../forms";
import { LastSeen, LiveStatusBadge, LiveStatusProvider } from "../live";
import { ModeBadge, UsersOf } from "../parts";
import { formatDuration } from "./duration";
import { MobileAppCard } from "./mobile-app";
import { ServerTabs } from "./tabs";
import { UsageChart } from "./usage-chart";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ range?: string | string[] }> };

export async function generateMetadata({ params }: Props) {
  const actor = await requireActor();
  const { id } = await params;
  const server = await getServerOverview(db, actor, { server: id }).catch(() => null);
  return { title: server?.name ?? (await getTranslations("servers"))("title") };
}

export default async function ServerPage({ params, searchParams }: Props) {
  const actor = await requireActor();
  const { id } = await params;
  const range = usageRangeSchema.parse((await searchParams).range);
  const [s, usage] = await orNotFound(() =>
    Promise.all([
      getServerOverview(db, actor, { server: id }),
      getServerUsage(db, actor, { server: id, range }),
    ]),
  );
  const t = await getTranslations("servers");
  const tTurn = await getTranslations("serverTurn");
  const format = await getFormatter();
  const locale = await getLocale();
  const timeZone = await getTimeZone();
  const isAdmin = can(actor, "servers.manage");
  const now = Date.now();
  const pct = (v: number | null) =>
    v === null ? t("detail.noUptime") : format.number(v, { style: "percent", maximumFractionDigits: 2 });

  return (
    <LiveStatusProvider>
      <BackLink href="/servers" label={t("title")} />
      <header className="mt-2 mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900" data-server-name>
            {s.name}
          </h1>
          <p className="mt-1 text-sm text-slate-500">
            {t("detail.serverId")}{" "}
            <span className="font-mono text-slate-800" data-server-id>
              {s.serverId}
            </span>
            {s.ucserverVersion && (
              <span className="ml-3">{t("detail.version", { version: s.ucserverVersion })}</span>
            )}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
          <LiveStatusBadge serverId={s.id} status={s.status} changedAt={s.statusChangedAt.toISOString()} />
          <ModeBadge mode={s.licenses.mode} label={t(`mode.${s.licenses.mode}`)} />
          {s.disabled && <Badge tone="red">{t("disabled")}</Badge>}
          <span>
            {t("col.lastSeen")}:{" "}
            <LastSeen
              serverId={s.id}
              lastSeenAt={s.lastSeenAt?.toISOString() ?? null}
              status={s.status}
              changedAt={s.statusChangedAt.toISOString()}
            />
          </span>
        </div>
      </header>

      <ServerTabs server={s.id} current="overview" />

      <div className="mb-6 space-y-3 empty:hidden">
        {s.disabled && <Notice tone="error">{t("detail.disabledNotice")}</Notice>}
        {s.clockSkewSuspect && s.clockSkewMs !== null && (
          <Notice tone="warning">
            {t("detail.clockSkewNotice", { seconds: Math.round(s.clockSkewMs / 1000) })}
          </Notice>
        )}
      </div>

      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <section className="grid grid-cols-3 gap-3" aria-label={t("detail.uptime")}>
            {(["24h", "7d", "30d"] as const).map((w) => (
              <Card key={w} className="p-4">
                <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
                  {t("detail.uptime")} · {t(`detail.last${w}`)}
                </p>
                <p className="mt-1 text-2xl font-semibold tabular-nums text-slate-900" data-uptime={w}>
                  {pct(s.uptime[w])}
                </p>
              </Card>
            ))}
          </section>

          <Card className="p-5">
            <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
              <div>
                <h2 className="text-base font-semibold text-slate-900">{t("detail.usage")}</h2>
                <p className="text-xs text-slate-500">{t("detail.usageLead")}</p>
              </div>
              <nav
                className="inline-flex rounded-md bg-slate-100 p-0.5 text-xs"
                aria-label={t("detail.range")}
              >
                {usageRanges.map((r) => (
                  <Link
                    key={r}
                    href={`/servers/${s.id}?range=${r}`}
                    scroll={false}
                    aria-current={r === range ? "page" : undefined}
                    className={
                      r === range
                        ? "rounded bg-white px-3 py-1 font-medium text-slate-900 shadow-sm"
                        : "px-3 py-1 text-slate-600 hover:text-slate-900"
                    }
                  >
                    {t(`detail.last${r}`)}
                  </Link>
                ))}
              </nav>
            </div>
            {usage.points.length === 0 ? (
              <p className="py-10 text-center text-sm text-slate-500">{t("detail.noUsage")}</p>
            ) : (
              <UsageChart
                usage={usage}
                locale={locale}
                timeZone={timeZone}
                labels={{
                  total: t("detail.total"),
                  mobile: t("detail.mobile"),
                  audioVideo: t("detail.audioVideo"),
                }}
              />
            )}
          </Card>

          <Card className="p-5">
            <h2 className="mb-3 text-base font-semibold text-slate-900">{t("detail.timeline")}</h2>
            {s.timeline.length === 0 ? (
              <p className="text-sm text-slate-500">{t("detail.timelineEmpty")}</p>
            ) : (
              <ol className="relative space-y-3 border-l border-slate-200 pl-5" data-timeline>
                {s.timeline.map((e) => (
                  <li key={`${e.at.toISOString()}-${e.status}`} className="relative">
                    <span
                      className={`absolute top-1.5 -left-[1.6rem] size-2.5 rounded-full ring-4 ring-white ${
                        e.status === "online"
                          ? "bg-emerald-500"
                          : e.status === "late"
                            ? "bg-amber-500"
                            : e.status === "offline"
                              ? "bg-red-500"
                              : "bg-slate-400"
                      }`}
                    />
                    <p className="text-sm text-slate-900">
                      <span className="font-medium">{t(`status.${e.status}`)}</span>{" "}
                      <span className="text-slate-500">
                        {e.until
                          ? t("detail.lasted", {
                              duration: formatDuration(e.until.getTime() - e.at.getTime(), locale),
                            })
                          : t("detail.ongoing", { duration: formatDuration(now - e.at.getTime(), locale) })}
                      </span>
                    </p>
                    <p className="text-xs text-slate-500">
                      {format.dateTime(e.at, { dateStyle: "medium", timeStyle: "medium" })}
                    </p>
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>

        <aside className="space-y-6">
          <Card className="p-5">
            <h2 className="mb-3 text-base font-semibold text-slate-900">{t("detail.licenses")}</h2>
            <dl className="grid grid-cols-2 gap-3 text-sm">
              <div>
                <dt className="text-xs text-slate-500">{t("detail.entitledMobile")}</dt>
                <dd className="font-medium">
                  <UsersOf used={s.users?.mobile ?? null} of={s.licenses.entitlements.mobileUsers} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t("detail.entitledAudioVideo")}</dt>
                <dd className="font-medium">
                  <UsersOf used={s.users?.audioVideo ?? null} of={s.licenses.entitlements.audioVideoUsers} />
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t("detail.push")}</dt>
                <dd>{s.licenses.entitlements.push ? t("detail.on") : t("detail.off")}</dd>
              </div>
              <div className={s.turn === "unavailable" ? "col-span-2" : undefined}>
                <dt className="text-xs text-slate-500">{t("detail.turn")}</dt>
                {s.turn === "unavailable" ? (
                  <dd className="font-medium text-amber-800" data-turn="unavailable">
                    {tTurn("unavailable")}
                    <p className="mt-0.5 text-xs font-normal text-amber-700">{tTurn("unavailableHint")}</p>
                  </dd>
                ) : (
                  <dd data-turn={s.turn}>{s.turn === "on" ? t("detail.on") : t("detail.off")}</dd>
                )}
              </div>
            </dl>
            <div className="mt-4">
              {s.licenses.licenses.length === 0 ? (
                <p className="text-sm text-slate-500">{t("detail.noLicenses")}</p>
              ) : (
                <ul className="divide-y divide-slate-100 rounded-lg ring-1 ring-slate-200" data-licenses>
                  {s.licenses.licenses.map((l) => (
                    <li key={l.id} className="flex items-start justify-between gap-3 px-3 py-2 text-xs">
                      <div className="min-w-0">
                        <p className="font-medium text-slate-900">
                          {s.productNames[l.product]?.[locale === "en" ? "en" : "de"] ?? l.product}
                          {l.trial && (
                            <span className="ml-1 font-normal text-amber-700">
                              ({t("detail.trialLicense")})
                            </span>
                          )}
                        </p>
                        <p className="text-slate-500">
                          {t("detail.validUntil")}:{" "}
                          {l.validUntil
                            ? format.dateTime(new Date(l.validUntil), { dateStyle: "medium" })
                            : t("detail.unlimited")}
                          {l.status !== "active" && ` · ${t(`detail.licenseStatus.${l.status}`)}`}
                        </p>
                      </div>
                      <span className="shrink-0 tabular-nums text-slate-700">
                        {t("detail.quantity")} {l.quantity}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </Card>

          <Card className="p-5">
            <h2 className="mb-2 text-base font-semibold text-slate-900">{t("detail.terms")}</h2>
            {s.terms.accepted ? (
              <p className="text-sm text-emerald-700" data-terms="accepted">
                {t("detail.termsAccepted")}
              </p>
            ) : (
              <div className="text-sm" data-terms="missing">
                <p className="text-slate-700">{t("detail.termsMissing")}</p>
                <ul className="mt-2 list-disc space-y-1 pl-5">
                  {s.terms.required.map((r) => (
                    <li key={r.kind}>
                      <a
                        href={r.url}
                        className="text-brand-700 hover:underline"
                        target="_blank"
                        rel="noreferrer"
                      >
                        {r.title}
                      </a>{" "}
                      <span className="text-xs text-slate-500">{r.version}</span>
                    </li>
                  ))}
                </ul>
                <Link href="/terms" className="mt-3 inline-block text-brand-700 hover:underline">
                  {t("detail.termsLink")} →
                </Link>
              </div>
            )}
          </Card>

          <MobileAppCard serverId={s.serverId} />

          {isAdmin && (
            <Card className="space-y-5 p-5">
              <h2 className="text-base font-semibold text-slate-900">{t("detail.actions")}</h2>
              <RenameForm action={renameServerAction} server={s.id} name={s.name} />
              <hr className="border-slate-100" />
              <RotateForm action={rotatePasswordAction} server={s.id} />
              <hr className="border-slate-100" />
              <DisableForm action={setDisabledAction} server={s.id} disabled={s.disabled} />
              <hr className="border-slate-100" />
              <DeleteForm action={deleteServerAction} server={s.id} name={s.name} />
            </Card>
          )}
        </aside>
      </div>
    </LiveStatusProvider>
  );
}
