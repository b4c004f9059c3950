import { useTranslations } from "next-intl";
import { useId } from "react";
import { cx } from "@/components/ui";
import type { Scenario } from "@/lib/connectivity/types";
import { ScenarioDiagram } from "./diagram";

/** The guide's decision tree: where the apps are, then how they come in. */
const GROUPS: { id: "lan" | "outside" | "av"; scenarios: Scenario[] }[] = [
  { id: "lan", scenarios: ["lan"] },
  { id: "outside", scenarios: ["forwarding", "proxy", "dmz"] },
  { id: "av", scenarios: ["ucconnect", "own-turn"] },
];

/**
 * The scenarios as picture cards, grouped by the guide's questions. With `onChange` each card is a
 * radio button of the form (`name="scenario"`); without, the cards only show which one was saved.
 */
export function ScenarioCards({
  value,
  onChange,
}: {
  value: Scenario | null;
  onChange?: (scenario: Scenario) => void;
}) {
  const t = useTranslations("connectivity.scenario");
  const tFiles = useTranslations("connectivityFiles.scenario");
  const id = useId();
  return (
    <div className="space-y-5">
      {GROUPS.map((g) => (
        <fieldset key={g.id} className="min-w-0">
          <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
            {t(`group.${g.id}`)}
          </legend>
          <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
            {g.scenarios.map((s) => {
              const chosen = value === s;
              const body = (
                <>
                  <div className="rounded-md bg-white px-1 py-1.5 ring-1 ring-slate-100">
                    <ScenarioDiagram scenario={s} />
                  </div>
                  <span id={`${id}-${s}-title`} className="mt-2 block text-sm font-semibold text-slate-900">
                    {tFiles(`${s}.title`)}
                  </span>
                  <span id={`${id}-${s}-desc`} className="mt-1 block text-xs leading-relaxed text-slate-600">
                    {tFiles(`${s}.description`)}
                  </span>
                  {chosen && (
                    <span className="absolute top-2 right-2 rounded-full bg-brand-600 px-2 py-0.5 text-[10px] font-semibold text-white">
                      {t("chosen")}
                    </span>
                  )}
                </>
              );
              const card = cx(
                "relative block h-full rounded-lg border p-3 transition-colors",
                chosen
                  ? "border-brand-500 bg-brand-50/60 ring-2 ring-brand-500"
                  : "border-slate-200 bg-slate-50/50",
              );
              if (!onChange) {
                return (
                  <div key={s} className={cx(card, !chosen && "opacity-60")} data-scenario={s}>
                    {body}
                  </div>
                );
              }
              return (
                <label
                  key={s}
                  className={cx(card, "cursor-pointer hover:border-brand-300")}
                  data-scenario={s}
                >
                  <input
                    type="radio"
                    name="scenario"
                    value={s}
                    checked={chosen}
                    onChange={() => onChange(s)}
                    aria-labelledby={`${id}-${s}-title`}
                    aria-describedby={`${id}-${s}-desc`}
                    className="peer sr-only"
                  />
                  {body}
                  <span className="pointer-events-none absolute inset-0 rounded-lg peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-500" />
                </label>
              );
            })}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
