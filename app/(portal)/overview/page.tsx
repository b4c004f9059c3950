import { getTranslations } from "next-intl/server";
import { NoOrganisation } from "@/components/no-organisation";
import { Card, Icon, type IconName, PageHeader } from "@/components/ui";
import { requireActor } from "@/lib/http/context";

export async function generateMetadata() {
  return { title: (await getTranslations("overview"))("title") };
}

export default async function OverviewPage() {
  const actor = await requireActor();
  const t = await getTranslations("overview");
  if (!actor.org) return <NoOrganisation />;
  const steps: [IconName, string, string][] = [
    ["server", t("step1"), "/servers"],
    ["doc", t("step2"), "/terms"],
    ["mail", t("step3"), "/invitations"],
  ];
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead", { name: actor.name })} />
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
