import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { cx } from "@/components/ui";
import type { ServerStatus } from "@/db/schema";
import type { FleetCounts } from "@/lib/dashboard/get-fleet-dashboard";
import { LiveIndicator } from "../servers/live";
import { SectionTitle } from "./section";

const TILES: { status: ServerStatus; key: keyof FleetCounts; dot: string; text: string }[] = [
  { status: "online", key: "online", dot: "bg-emerald-500", text: "text-slate-900" },
  { status: "late", key: "late", dot: "bg-amber-500", text: "text-amber-700" },
  { status: "offline", key: "offline", dot: "bg-red-500", text: "text-red-700" },
  { status: "never-connected", key: "neverConnected", dot: "bg-slate-400", text: "text-slate-900" },
];

/**
 * The servers by connection status, each a link to the servers list filtered by it. Rendered on the
 * server: the live provider around the page refreshes it as soon as a status changes.
 */
export async function FleetCountTiles({ counts }: { counts: FleetCounts }) {
  const t = await getTranslations("dashboard.counts");
  const status = await getTranslations("servers.status");
  const format = await getFormatter();
  return (
    <section className="mb-8" aria-labelledby="counts-title" data-fleet-total={counts.total}>
      <SectionTitle
        id="counts-title"
        aside={
          <span className="flex items-center gap-4 text-xs text-slate-500">
            <LiveIndicator />
            <Link href="/servers" className="font-medium text-brand-700 hover:underline">
              {t("showAll")} ({t("total", { count: counts.total })})
            </Link>
          </span>
        }
      >
        {t("title")}
      </SectionTitle>
      <ul className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {TILES.map((tile) => {
          const n = counts[tile.key];
          return (
            <li key={tile.status}>
              <Link
                href={`/servers?status=${tile.status}`}
                className="block rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:border-brand-500/50 hover:shadow"
                data-count={tile.status}
                data-value={n}
              >
                <span className="flex items-center gap-2 text-sm text-slate-600">
                  <span aria-hidden="true" className={cx("size-2 rounded-full", tile.dot)} />
                  {status(tile.status)}
                </span>
                <span
                  className={cx(
                    "mt-2 block text-3xl font-semibold tabular-nums",
                    n > 0 ? tile.text : "text-slate-300",
                  )}
                >
                  {format.number(n)}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
