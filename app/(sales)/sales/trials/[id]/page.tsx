import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { DaysLeftBadge, StateBadge } from "@/components/trials/badges";
import { AutoRefresh } from "@/components/trials/live";
import { Badge, Card, Notice } from "@/components/ui";
import { db } from "@/lib/server/portal";
import { listSalesPeople } from "@/lib/trials/list-sales-people";
import { proposeConversion } from "@/lib/trials/propose-conversion";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { assignTrialAction, convertTrialAction, extendTrialAction, resendInvitationAction } from "../actions";
import { TakeButton } from "../forms";
import { ConvertForm, ExtendForm, HandOverForm, ResendInvitationForm } from "./forms";
import { History } from "./history";
import { loadTrial } from "./load";
import { Fact, ServerCard } from "./server-card";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  return { title: (await loadTrial((await params).id)).company };
}

/** One trial for sales: its facts and decisions, its server and licenses, extend and convert. */
export default async function TrialPage({ params }: Props) {
  const actor = await requireActor();
  const trial = await loadTrial((await params).id);
  const locale = (await getLocale()) === "en" ? "en" : "de";
  const [conversion, salesPeople] = await orNotFound(() =>
    Promise.all([proposeConversion(db, actor, { trial, locale }), listSalesPeople(db, actor)]),
  );
  const t = await getTranslations("trials");
  const format = await getFormatter();
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium" });
  const names = new Map(conversion.map((p) => [p.key, p.name]));
  const productName = (key: string) => names.get(key) ?? key;
  const { state } = trial;
  const mine = trial.salesPerson?.id === actor.userId;

  return (
    <>
      {!trial.converted && <AutoRefresh />}
      <Link href="/sales/trials" className="text-sm text-slate-500 hover:text-slate-800">
        ← {t("detail.back")}
      </Link>
      <header className="mt-2 mb-6 flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900" data-trial-company>
            {trial.company}
          </h1>
          <p className="mt-1 text-sm text-slate-500">{t(`origin.${trial.origin}`)}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <StateBadge state={state} />
          {!trial.converted && (
            <DaysLeftBadge endsAt={trial.endsAt} convertedAt={null} extended={!!trial.extension} />
          )}
        </div>
      </header>

      <div
        className={
          trial.converted ? "max-w-3xl" : "grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]"
        }
      >
        <div className="min-w-0 space-y-6">
          <Card className="p-5">
            <h2 className="mb-3 text-base font-semibold text-slate-900">{t("detail.facts")}</h2>
            <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2" data-facts>
              <Fact label={t("detail.contact")}>
                {trial.contactName && <p>{trial.contactName}</p>}
                <p className="text-slate-600">{trial.contactEmail ?? "–"}</p>
              </Fact>
              <Fact label={t("detail.owner")}>
                <div data-owner>
                  {trial.owner ? (
                    <>
                      <p>{trial.owner.name}</p>
                      <p className="text-slate-600">{trial.owner.email}</p>
                    </>
                  ) : !trial.claimed ? (
                    <p className="text-slate-600">{t("detail.notClaimed")}</p>
                  ) : (
                    <>
                      <p className="text-slate-600" data-invitation>
                        {trial.ownerInvitation
                          ? t(
                              trial.ownerInvitation.expired
                                ? "detail.invitationExpired"
                                : "detail.invitation",
                              {
                                email: trial.ownerInvitation.email,
                                date: date(trial.ownerInvitation.expiresAt),
                              },
                            )
                          : t("detail.noOwner")}
                      </p>
                      {!trial.converted && trial.contactEmail && (
                        <ResendInvitationForm trialId={trial.id} action={resendInvitationAction} />
                      )}
                    </>
                  )}
                </div>
              </Fact>
              <Fact label={t("detail.salesPerson")}>
                <div data-sales-person>
                  <p>
                    {trial.salesPerson?.name ?? (
                      <span className="text-slate-500">{t("detail.unassigned")}</span>
                    )}
                  </p>
                  {!trial.converted && (
                    <>
                      {!mine && (
                        <div className="mt-2">
                          <TakeButton
                            trialId={trial.id}
                            action={assignTrialAction}
                            label={t("detail.take")}
                          />
                        </div>
                      )}
                      <HandOverForm
                        // Remounted when the trial changes hands, so the select starts empty again.
                        key={trial.salesPerson?.id ?? "none"}
                        trialId={trial.id}
                        people={salesPeople.filter((p) => p.id !== trial.salesPerson?.id)}
                        action={assignTrialAction}
                      />
                    </>
                  )}
                </div>
              </Fact>
              <Fact label={t("detail.started")}>
                {trial.startedBy
                  ? t("detail.startedBy", { date: date(trial.startsAt), name: trial.startedBy })
                  : date(trial.startsAt)}
              </Fact>
              <Fact label={t("detail.ends")}>
                <span data-ends={trial.endsAt.toISOString()}>{date(trial.endsAt)}</span>
              </Fact>
              <Fact label={t("detail.extension")}>
                {trial.extension ? (
                  <div data-extension>
                    <p>
                      {t("detail.extensionBy", {
                        days: trial.extension.days,
                        date: date(trial.extension.at),
                        name: trial.extension.by ?? "–",
                      })}
                    </p>
                    <p className="mt-1 border-l-2 border-slate-200 pl-2 italic text-slate-700">
                      {trial.extension.reason}
                    </p>
                  </div>
                ) : (
                  <span className="text-slate-500">{t("detail.notExtended")}</span>
                )}
              </Fact>
              {trial.mergedCount > 0 && (
                <Fact label={t("detail.origin")}>{t("detail.merged", { count: trial.mergedCount })}</Fact>
              )}
            </dl>
          </Card>

          {trial.converted ? (
            <Card className="border-brand-100 bg-brand-50/40 p-5">
              <div data-outcome>
                <h2 className="flex items-center gap-2 text-base font-semibold text-slate-900">
                  {t("outcome.title")} <Badge tone="blue">{t("state.converted")}</Badge>
                </h2>
                <p className="mt-1 text-sm text-slate-700">
                  {t("outcome.body", { date: date(trial.converted.at), name: trial.converted.by ?? "–" })}
                </p>
              </div>
            </Card>
          ) : (
            <ServerCard trial={trial} productName={productName} />
          )}

          <History history={trial.history} productName={productName} />
        </div>

        {!trial.converted && (
          <aside className="space-y-6">
            <Card className="p-5">
              <section data-extend>
                <h2 className="text-base font-semibold text-slate-900">
                  {t("extend.title", { days: trial.extensionDays })}
                </h2>
                {trial.extension ? (
                  <div className="mt-2">
                    <Notice>{t("extend.alreadyExtended")}</Notice>
                  </div>
                ) : (
                  <>
                    <p className="mt-1 mb-3 text-sm text-slate-600">{t("extend.lead")}</p>
                    <ExtendForm trialId={trial.id} days={trial.extensionDays} action={extendTrialAction} />
                  </>
                )}
              </section>
            </Card>
            <Card className="p-5">
              <section data-convert>
                <h2 className="text-base font-semibold text-slate-900">{t("convert.title")}</h2>
                <p className="mt-1 mb-3 text-sm text-slate-600">
                  {trial.server && !trial.server.deleted ? t("convert.lead") : t("convert.noServerLead")}
                </p>
                <ConvertForm trialId={trial.id} products={conversion} action={convertTrialAction} />
              </section>
            </Card>
          </aside>
        )}
      </div>
    </>
  );
}
