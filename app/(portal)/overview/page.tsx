import { getFormatter, getTranslations } from "next-intl/server";
import { NoOrganisation } from "@/components/no-organisation";
import { ButtonLink, Card, Icon, type IconName, Notice, PageHeader } from "@/components/ui";
import { can } from "@/lib/permissions";
import { db } from "@/lib/server/portal";
import { getOrganisationTrial, type OrganisationTrial } from "@/lib/trials/get-organisation-trial";
import { requireActor } from "@/lib/web/context";

export async function generateMetadata() {
  return { title: (await getTranslations("overview"))("title") };
}

export default async function OverviewPage() {
  const actor = await requireActor();
  const t = await getTranslations("overview");
  if (!actor.org) return <NoOrganisation />;
  const trial = await getOrganisationTrial(db, actor);
  const steps: [IconName, string, string][] = [
    ["server", t("step1"), "/servers"],
    ["doc", t("step2"), "/terms"],
    ["mail", t("step3"), "/invitations"],
  ];
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead", { name: actor.name })} />
      {trial && <TrialNotice trial={trial} canRegister={can(actor, "servers.manage")} />}
      <h2 className="mb-3 text-sm font-semibold uppercase tracking-wide text-slate-500">{t("nextSteps")}</h2>
      <ol className="grid gap-4 md:grid-cols-3">
        {steps.map(([icon, text, href], i) => (
          <li key={href}>
            <a href={href} className="block h-full">
              <Card className="h-full p-5 transition hover:border-brand-500/50 hover:shadow">
                <div className="flex items-center gap-3">
                  <span className="flex size-9 items-center justify-center rounded-lg bg-brand-50 text-brand-600">
                    <Icon name={icon} />
                  </span>
                  <span className="text-xs font-semibold text-slate-400">{i + 1} / 3</span>
                </div>
                <p className="mt-3 text-sm text-slate-700">{text}</p>
              </Card>
            </a>
          </li>
        ))}
      </ol>
    </>
  );
}

async function TrialNotice({ trial, canRegister }: { trial: OrganisationTrial; canRegister: boolean }) {
  const t = await getTranslations("overview");
  const format = await getFormatter();
  const date = format.dateTime(trial.endsAt, { dateStyle: "long" });
  return (
    <div className="mb-8" data-trial={trial.ended ? "ended" : "running"}>
      <Notice tone={trial.ended ? "warning" : "info"}>
        <p className="font-medium">
          {trial.ended ? t("trialEnded", { date }) : t("trialRunning", { date, days: trial.daysLeft })}
        </p>
        {!trial.onServer && !trial.ended && (
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <span>{t("trialNoServer")}</span>
            {canRegister && (
              <ButtonLink href="/servers/register" variant="secondary">
                {t("trialRegister")}
              </ButtonLink>
            )}
          </div>
        )}
        {trial.contact && (
          <p className="mt-2">
            {t("trialContact", { name: trial.contact.name, email: trial.contact.email })}
          </p>
        )}
      </Notice>
    </div>
  );
}
