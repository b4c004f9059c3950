import { getNow, getTimeZone, getTranslations } from "next-intl/server";
import { Badge, cx } from "@/components/ui";
import type { ServerStatus } from "@/db/schema";
import type { TrialOrigin } from "@/lib/trials/start-trial";
import { type TrialState, trialState } from "@/lib/trials/trial-state";

const DAY = 86_400_000;

/** Calendar days from `now` to `at` where the reader is: tomorrow is 1, yesterday -1, whatever the hour. */
export function calendarDaysUntil(at: Date, now: Date, timeZone: string): number {
  const day = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return Math.round((Date.parse(day.format(at)) - Date.parse(day.format(now))) / DAY);
}

/** "ends in N days" / "ends today" / "expired N days ago" / "converted", with an "extended" marker. */
export async function DaysLeftBadge({
  endsAt,
  convertedAt,
  extended,
}: {
  endsAt: Date;
  convertedAt: Date | null;
  extended?: boolean;
}) {
  const t = await getTranslations("trials");
  const now = await getNow();
  const days = calendarDaysUntil(endsAt, now, await getTimeZone());
  const state = trialState({ endsAt, convertedAt }, now);
  const badge =
    state === "converted" ? (
      <Badge tone="blue">{t("days.converted")}</Badge>
    ) : state === "expired" ? (
      <Badge tone="red">{t("days.expired", { days: Math.max(0, -days) })}</Badge>
    ) : days <= 0 ? (
      <Badge tone="amber">{t("days.today")}</Badge>
    ) : (
      <Badge tone={days <= 7 ? "amber" : "green"}>{t("days.left", { days })}</Badge>
    );
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5 whitespace-nowrap" data-days={state}>
      {badge}
      {extended && state !== "converted" && (
        <span className="text-xs text-slate-500" data-extended>
          {t("row.extended")}
        </span>
      )}
    </span>
  );
}

const STATUS_TONES = { "never-connected": "gray", online: "green", late: "amber", offline: "red" } as const;
const DOTS = {
  "never-connected": "bg-slate-400",
  online: "bg-emerald-500",
  late: "bg-amber-500",
  offline: "bg-red-500",
} as const;

/** The server's connection status, worded as on the servers pages. */
export async function StatusBadge({ status }: { status: ServerStatus }) {
  const t = await getTranslations("servers.status");
  return (
    <span data-status={status}>
      <Badge tone={STATUS_TONES[status]}>
        <span aria-hidden="true" className={cx("mr-1.5 size-1.5 rounded-full", DOTS[status])} />
        {t(status)}
      </Badge>
    </span>
  );
}

const STATE_TONES = { open: "amber", expired: "red", converted: "blue" } as const;

export async function StateBadge({ state }: { state: TrialState }) {
  const t = await getTranslations("trials.state");
  return (
    <span data-trial-state={state}>
      <Badge tone={STATE_TONES[state]}>{t(state)}</Badge>
    </span>
  );
}

/** Who started the trial: sales, the UCServer by itself, or the customer in the portal. */
export async function OriginBadge({ origin }: { origin: TrialOrigin }) {
  const t = await getTranslations("trials");
  return (
    <span data-origin={origin} title={t(`origin.${origin}`)}>
      <Badge>{t(`originBadge.${origin}`)}</Badge>
    </span>
  );
}
