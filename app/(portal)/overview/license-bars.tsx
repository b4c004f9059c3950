import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, cx } from "@/components/ui";
import type { ProductUsage } from "@/lib/dashboard/get-fleet-dashboard";
import { SectionEmpty, SectionTitle } from "./section";

const barTone = { ok: "bg-emerald-500", warning: "bg-amber-500", alert: "bg-red-500" } as const;
const textTone = { ok: "text-slate-600", warning: "text-amber-700", alert: "text-red-700" } as const;

/** License use per product across the organisation: used against owned, as bars. */
export async function LicenseBars({ usage }: { usage: ProductUsage[] }) {
  const t = await getTranslations("dashboard.usage");
  return (
    <section aria-labelledby="usage-title">
      <SectionTitle
        id="usage-title"
        aside={
          <Link href="/licenses" className="text-xs font-medium text-brand-700 hover:underline">
            {t("manage")}
          </Link>
        }
      >
        {t("title")}
      </SectionTitle>
      <Card className="p-5">
        {usage.length === 0 ? (
          <SectionEmpty icon="key" title={t("noneTitle")} body={t("noneBody")} data-usage="none" />
        ) : (
          <>
            <p className="mb-4 text-xs text-slate-500">{t("lead")}</p>
            <ul className="space-y-4">
              {usage.map((u) => {
                const pct =
                  u.owned > 0 ? Math.min(100, Math.round((u.used / u.owned) * 100)) : u.used > 0 ? 100 : 0;
                return (
                  <li
                    key={u.key}
                    data-product={u.key}
                    data-used={u.used}
                    data-owned={u.owned}
                    data-level={u.level}
                  >
                    <div className="flex items-baseline justify-between gap-3 text-sm">
                      <span className="font-medium text-slate-800">{u.name}</span>
                      <span className={cx("whitespace-nowrap text-xs tabular-nums", textTone[u.level])}>
                        {t(u.measure, { used: u.used, owned: u.owned })}
                      </span>
                    </div>
                    <div className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
                      <div
                        className={cx("h-full rounded-full", barTone[u.level])}
                        style={{ width: `${pct}%` }}
                      />
                    </div>
                    {u.level !== "ok" && (
                      <p className={cx("mt-1 text-xs font-medium", textTone[u.level])}>{t(u.level)}</p>
                    )}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </Card>
    </section>
  );
}
