import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { env } from "@/lib/env";
import { requirePermission } from "@/lib/permissions";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { startTrialAction } from "../actions";
import { StartTrialForm } from "./forms";

export async function generateMetadata() {
  return { title: (await getTranslations("trials.new"))("title") };
}

export default async function NewTrialPage() {
  const actor = await requireActor();
  await orNotFound(() => requirePermission(actor, "trials.manage"));
  const t = await getTranslations("trials");
  return (
    <>
      <Link href="/sales/trials" className="text-sm text-slate-500 hover:text-slate-800">
        ← {t("title")}
      </Link>
      <PageHeader title={t("new.title")} lead={t("new.lead", { days: env().TRIAL_DAYS })} />
      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <Card className="max-w-2xl p-6">
          <StartTrialForm action={startTrialAction} defaultLocale={actor.locale} />
        </Card>
        <aside>
          <Card className="p-5">
            <h2 className="text-base font-semibold text-slate-900">{t("new.routesTitle")}</h2>
            <dl className="mt-3 space-y-4 text-sm">
              <div>
                <dt className="font-medium text-slate-900">{t("new.routePreTitle")}</dt>
                <dd className="mt-1 text-slate-600">{t("new.routePre")}</dd>
              </div>
              <div>
                <dt className="font-medium text-slate-900">{t("new.routeSelfTitle")}</dt>
                <dd className="mt-1 text-slate-600">{t("new.routeSelf")}</dd>
              </div>
            </dl>
          </Card>
        </aside>
      </div>
    </>
  );
}
