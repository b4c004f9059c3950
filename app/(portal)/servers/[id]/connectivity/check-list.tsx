import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui";
import { checkTexts, type RootTranslator } from "@/lib/connectivity/check-texts";
import type { CheckView, ConnectivityView } from "@/lib/connectivity/get-connectivity";
import type { CheckResult, CheckState } from "@/lib/connectivity/types";

const tone: Record<CheckState, "green" | "amber" | "red" | "gray"> = {
  green: "green",
  amber: "amber",
  red: "red",
  skipped: "gray",
};

const dot: Record<CheckState, string> = {
  green: "bg-emerald-500",
  amber: "bg-amber-500",
  red: "bg-red-500",
  skipped: "bg-slate-300",
};

type Item = { result: CheckResult; time: string; note?: string };

/**
 * The checks' latest results: a coloured badge, the check's title, the reason in words, what was
 * seen (the values a check read, shown as text: a stranger's server chose them) and how to fix it.
 * The push check, from the heartbeats, closes the list.
 */
export async function CheckList({ view }: { view: ConnectivityView }) {
  const t = await getTranslations("connectivity");
  const root = (await getTranslations()) as unknown as RootTranslator;
  const format = await getFormatter();
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  const ran = view.checks.some((c) => c.result);
  const items: (Item | { pending: CheckView["check"] })[] = view.checks.map((c) =>
    c.result
      ? {
          result: c.result,
          // "since" only once the state has held across runs; on its first run it says nothing more.
          time:
            c.result.stateSince < c.result.checkedAt
              ? `${t("checks.checkedAt", { when: when(c.result.checkedAt) })} · ${t("checks.since", { when: when(c.result.stateSince) })}`
              : t("checks.checkedAt", { when: when(c.result.checkedAt) }),
          note:
            c.check === "turn" && view.lastRunAt && c.result.checkedAt < view.lastRunAt
              ? t("checks.turnKept")
              : undefined,
        }
      : { pending: c.check },
  );
  items.push({
    result: view.push,
    time: view.push.lastSeenAt ? t("push.lastSeen", { when: when(view.push.lastSeenAt) }) : t("push.never"),
    note: t("checks.pushNote"),
  });
  return (
    <div className="space-y-3">
      {!ran && view.checks.length > 0 && (
        <p
          className="rounded-lg border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-500"
          data-checks-empty
        >
          {t("checks.empty")}
        </p>
      )}
      <ul
        className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white"
        data-check-results
      >
        {items.map((item) => {
          if ("pending" in item) {
            if (!ran) return null;
            const words = checkTexts(root, { check: item.pending, reason: "", seen: {} });
            return (
              <li
                key={item.pending}
                className="flex items-center gap-3 px-4 py-3 text-sm"
                data-check={item.pending}
                data-state="none"
              >
                <span className="size-2.5 rounded-full bg-slate-200" />
                <span className="font-medium text-slate-900">{words.title}</span>
                <Badge>{t("checks.notRun")}</Badge>
              </li>
            );
          }
          const r = item.result;
          const words = checkTexts(root, r, when);
          return (
            <li key={r.check} className="flex gap-3 px-4 py-3" data-check={r.check} data-state={r.state}>
              <span className={`mt-1.5 size-2.5 shrink-0 rounded-full ${dot[r.state]}`} aria-hidden="true" />
              <div className="min-w-0 flex-1 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold text-slate-900">{words.title}</span>
                  <Badge tone={tone[r.state]}>{t(`checks.state.${r.state}`)}</Badge>
                  <span className="text-xs text-slate-500">{item.time}</span>
                </div>
                <p className="mt-1 text-slate-700" data-reason={r.reason}>
                  {words.reason}
                </p>
                {words.seen.length > 0 && (
                  <dl
                    className="mt-1.5 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600"
                    aria-label={t("checks.seen")}
                  >
                    {words.seen.map((s) => (
                      <div key={s.key} className="flex gap-1">
                        <dt className="text-slate-500">{s.label}:</dt>
                        <dd className="font-mono break-all text-slate-800">{s.value}</dd>
                      </div>
                    ))}
                  </dl>
                )}
                {words.fix && r.state !== "green" && (
                  <p className="mt-1.5 rounded-md bg-slate-50 px-2.5 py-1.5 text-xs text-slate-700">
                    <span className="font-semibold">{t("checks.fix")}:</span> {words.fix}
                  </p>
                )}
                {item.note && <p className="mt-1 text-xs text-slate-500">{item.note}</p>}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
