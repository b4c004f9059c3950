import { getTranslations } from "next-intl/server";
import { Card, cx } from "@/components/ui";
import type { OverviewServer, Usage } from "@/lib/licenses/licenses-overview";

const barTone = { ok: "bg-emerald-500", warning: "bg-amber-500", alert: "bg-red-500" } as const;
const textTone = { ok: "text-slate-600", warning: "text-amber-700", alert: "text-red-700" } as const;

async function Meter({ label, usage }: { label: string; usage: Usage }) {
  const t = await getTranslations("licenses");
  const pct =
    usage.owned > 0
      ? Math.min(100, Math.round(((usage.used ?? 0) / usage.owned) * 100))
      : usage.used
        ? 100
        : 0;
  return (
    <div data-usage={label} data-level={usage.level}>
      <div className="flex items-baseline justify-between gap-2 text-xs">
        <span className="font-medium text-slate-700">{label}</span>
        <span className={cx("tabular-nums", textTone[usage.level])}>
          {usage.used === null ? t("notReported") : t("usageOf", { used: usage.used, owned: usage.owned })}
        </span>
      </div>
      <div className="mt-1 h-1.5 overflow-hidden rounded-full bg-slate-100">
        <div className={cx("h-full rounded-full", barTone[usage.level])} style={{ width: `${pct}%` }} />
      </div>
      {usage.level !== "ok" && (
        <p className={cx("mt-1 text-xs font-medium", textTone[usage.level])} role="status">
          {usage.level === "alert" ? t("usageAlert") : t("usageWarning")}
        </p>
      )}
    </div>
  );
}

/** Users in use per server against what its licenses grant. */
export async function UsagePanel({ servers }: { servers: OverviewServer[] }) {
  const t = await getTranslations("licenses");
  return (
    <Card className="p-5">
      <h2 className="text-base font-semibold text-slate-900">{t("usageTitle")}</h2>
      <p className="mt-1 text-sm text-slate-600">{t("usageLead")}</p>
      {servers.length === 0 ? (
        <p className="mt-4 text-sm text-slate-500">{t("noServers")}</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100">
          {servers.map((s) => (
            <li
              key={s.id}
              className="grid gap-3 py-3 sm:grid-cols-[14rem_1fr_1fr] sm:items-start"
              data-server={s.serverId}
            >
              <div>
                <p className="font-medium text-slate-900">{s.name}</p>
                <p className="font-mono text-xs text-slate-500">{s.serverId}</p>
              </div>
              <Meter label={t("mobile")} usage={s.mobile} />
              <Meter label={t("audioVideo")} usage={s.audioVideo} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
