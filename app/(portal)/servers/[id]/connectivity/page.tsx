import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui";
import type { Locale } from "@/db/schema";
import { getConnectivity } from "@/lib/connectivity/get-connectivity";
import { defaultInputs } from "@/lib/connectivity/inputs";
import { SCENARIOS, type Scenario } from "@/lib/connectivity/types";
import { can } from "@/lib/permissions";
import { db } from "@/lib/server/portal";
import { getServerSummary } from "@/lib/servers/get-server-summary";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { runChecksAction, saveConnectivityAction } from "./actions";
import { CheckList } from "./check-list";
import { ReadOnlyScenario } from "./read-only-scenario";
import { RunChecksForm } from "./run-form";
import { ScenarioForm } from "./scenario-form";
import { SetupSection } from "./setup-section";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const actor = await requireActor();
  const { id } = await params;
  const t = await getTranslations("connectivity");
  const server = await getServerSummary(db, actor, { server: id }).catch(() => null);
  return { title: server ? `${t("title")} · ${server.name}` : t("title") };
}

function Section({ title, lead, children }: { title: string; lead: string; children: React.ReactNode }) {
  return (
    <Card className="p-5 sm:p-6">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mt-1 mb-5 max-w-3xl text-sm text-slate-600">{lead}</p>
      {children}
    </Card>
  );
}

/** The connectivity assistant of one server: the setup, what to configure for it, the live checks. */
export default async function ConnectivityPage({ params }: Props) {
  const actor = await requireActor();
  const { id } = await params;
  const locale = (await getLocale()) as Locale;
  const v = await orNotFound(() => getConnectivity(db, actor, { server: id, locale }));
  const t = await getTranslations("connectivity");
  const format = await getFormatter();
  const manage = can(actor, "connectivity.manage");
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const saved = v.inputs ? { ...v.inputs, ...v.fileOptions } : null;
  const defaults = Object.fromEntries(SCENARIOS.map((s) => [s, defaultInputs(s)])) as Record<
    Scenario,
    ReturnType<typeof defaultInputs>
  >;

  return (
    <div className="space-y-6">
      <Section title={t("scenario.title")} lead={t("scenario.lead")}>
        <p className="mb-4 text-xs text-slate-500" data-saved-at>
          {v.saved ? t("scenario.savedAt", { when: when(v.saved.at) }) : t("scenario.notSaved")}
        </p>
        {manage ? (
          <ScenarioForm
            action={saveConnectivityAction}
            server={v.server.id}
            saved={saved}
            defaults={defaults}
          />
        ) : (
          <ReadOnlyScenario saved={saved} />
        )}
      </Section>

      <Section title={t("setup.title")} lead={t("setup.lead")}>
        {v.setup ? (
          <SetupSection server={v.server.id} setup={v.setup} />
        ) : (
          <p className="text-sm text-slate-500" data-setup-empty>
            {v.saved ? t("setup.regenerate") : t("setup.empty")}
          </p>
        )}
      </Section>

      <Section title={t("checks.title")} lead={t("checks.lead")}>
        <div className="space-y-5">
          {manage && v.saved && (
            <RunChecksForm
              action={runChecksAction}
              server={v.server.id}
              askSecret={v.inputs?.scenario === "own-turn"}
            />
          )}
          {!v.saved && <p className="text-sm text-slate-500">{t("checks.saveFirst")}</p>}
          {v.lastRunAt && (
            <p className="text-xs text-slate-500" data-last-run>
              {t("checks.lastRun", { when: when(v.lastRunAt) })}
            </p>
          )}
          <CheckList view={v} />
        </div>
      </Section>
    </div>
  );
}
