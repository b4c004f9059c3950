import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge, ButtonLink, Card, cx, Icon, type IconName } from "@/components/ui";
import type { Onboarding, OnboardingStep } from "@/lib/dashboard/get-onboarding";
import { SectionTitle } from "./section";

type Link = { href: string; label: string };
export type StepLinks = Record<OnboardingStep, { open: Link[]; done: Link }>;

const ICONS: Record<OnboardingStep, IconName> = { server: "server", terms: "doc", invitations: "mail" };

/**
 * The steps of getting going, each marked done from the data and linking to where it is done; and,
 * while the organisation may still have one, the offer of a trial (`trial`, null when none applies).
 */
export async function OnboardingSteps({
  onboarding,
  links,
  trial,
}: {
  onboarding: Onboarding;
  links: StepLinks;
  trial: ReactNode;
}) {
  const t = await getTranslations("dashboard.onboarding");
  const total = onboarding.steps.length;
  const done = onboarding.steps.filter((s) => s.done).length;
  return (
    <section className="mb-10" aria-labelledby="onboarding-title" data-onboarding={done}>
      <SectionTitle
        id="onboarding-title"
        aside={<span className="text-xs text-slate-500">{t("progress", { done, total })}</span>}
      >
        {t("title")}
      </SectionTitle>
      <ol className={cx("grid gap-4 md:grid-cols-3", trial !== null && "xl:grid-cols-4")}>
        {onboarding.steps.map(({ step, done }, i) => (
          <li key={step} data-step={step} data-done={done}>
            <Card className={cx("flex h-full flex-col p-5", done && "bg-slate-50")}>
              <div className="flex items-center justify-between gap-3">
                <span
                  className={cx(
                    "flex size-9 items-center justify-center rounded-lg",
                    done ? "bg-emerald-50 text-emerald-600" : "bg-brand-50 text-brand-600",
                  )}
                >
                  <Icon name={done ? "check" : ICONS[step]} />
                </span>
                {done ? (
                  <Badge tone="green">{t("done")}</Badge>
                ) : (
                  <span className="text-xs font-semibold text-slate-400">{t("step", { n: i + 1 })}</span>
                )}
              </div>
              <h3 className="mt-3 text-sm font-semibold text-slate-900">{t(`${step}.title`)}</h3>
              <p className="mt-1 flex-1 text-sm text-slate-600">
                {t(done ? `${step}.doneBody` : `${step}.body`)}
              </p>
              <div className="mt-4 flex flex-wrap gap-2">
                {(done ? [links[step].done] : links[step].open).map((l, j) => (
                  <ButtonLink
                    key={l.href}
                    href={l.href}
                    variant={done || j > 0 ? "secondary" : "primary"}
                    className="text-xs"
                  >
                    {l.label}
                  </ButtonLink>
                ))}
              </div>
            </Card>
          </li>
        ))}
        {trial !== null && <li data-step="trial">{trial}</li>}
      </ol>
    </section>
  );
}

/** "Start a trial": what it gives, and the button for those who may press it (`action`). */
export async function TrialOfferCard({ days, action }: { days: number; action: ReactNode }) {
  const t = await getTranslations("dashboard.onboarding");
  return (
    <Card className="flex h-full flex-col border-brand-100 p-5">
      <span className="flex size-9 items-center justify-center rounded-lg bg-brand-50 text-brand-600">
        <Icon name="rocket" />
      </span>
      <h3 className="mt-3 text-sm font-semibold text-slate-900">{t("trialTitle")}</h3>
      <p className="mt-1 flex-1 text-sm text-slate-600">{t("trialBody", { days })}</p>
      <div className="mt-4">{action ?? <p className="text-xs text-slate-500">{t("trialAskAdmin")}</p>}</div>
    </Card>
  );
}
