import { useTranslations } from "next-intl";
import type { ConnectivityInputs } from "@/lib/connectivity/types";
import { FILE_OPTION_FIELDS, fieldGroups, publishMethod } from "./form-fields";
import { ScenarioCards } from "./scenario-cards";

/** The saved setup for those who may not change it: the chosen picture and the values, as text. */
export function ReadOnlyScenario({
  saved,
}: {
  saved: (ConnectivityInputs & Record<string, unknown>) | null;
}) {
  const t = useTranslations("connectivity");
  const tFiles = useTranslations("connectivityFiles");
  if (!saved) return <ScenarioCards value={null} />;
  const method = publishMethod(saved.scenario, saved.publish ?? "proxy");
  const rows: { label: string; value: string }[] = [];
  if (saved.scenario === "own-turn" && saved.publish) {
    rows.push({ label: tFiles("field.publish.label"), value: t(`scenario.publishOptions.${saved.publish}`) });
  }
  if (method && method !== "forwarding" && saved.proxyKind) {
    rows.push({ label: tFiles("field.proxyKind.label"), value: tFiles(`proxyKind.${saved.proxyKind}`) });
  }
  for (const g of fieldGroups(saved.scenario, saved.publish ?? "proxy", saved.proxyKind ?? "nginx")) {
    for (const f of g.fields) {
      const value = saved[f];
      if (value === undefined || value === "") continue;
      const label = FILE_OPTION_FIELDS.includes(f) ? t(`fileOptions.${f}.label`) : tFiles(`field.${f}.label`);
      rows.push({ label, value: String(value) });
    }
  }
  return (
    <div className="space-y-5">
      <ScenarioCards value={saved.scenario} />
      {rows.length > 0 && (
        <dl
          className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-slate-50/60 p-4 text-sm sm:grid-cols-2"
          data-saved-values
        >
          {rows.map((r) => (
            <div key={r.label}>
              <dt className="text-xs text-slate-500">{r.label}</dt>
              <dd className="font-mono text-slate-900 break-all">{r.value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
