import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { RelativeTime } from "@/components/relative-time";
import { Badge, Card } from "@/components/ui";
import type { ServerStatus } from "@/db/schema";
import type { StatusChange } from "@/lib/dashboard/recent-status-changes";
import { SectionEmpty, SectionTitle } from "./section";

const TONES = { "never-connected": "gray", online: "green", late: "amber", offline: "red" } as const;

/** The organisation's newest status changes, newest first, with how long ago each was. */
export async function RecentChanges({ changes }: { changes: StatusChange[] }) {
  const t = await getTranslations("dashboard.recent");
  const status = await getTranslations("servers.status");
  const badge = (s: ServerStatus) => <Badge tone={TONES[s]}>{status(s)}</Badge>;
  return (
    <section aria-labelledby="recent-title">
      <SectionTitle id="recent-title">{t("title")}</SectionTitle>
      <Card className="p-5">
        {changes.length === 0 ? (
          <SectionEmpty icon="list" title={t("noneTitle")} body={t("noneBody")} data-recent="none" />
        ) : (
          <ol className="divide-y divide-slate-100">
            {changes.map((c) => (
              <li
                key={c.id}
                className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2 first:pt-0 last:pb-0"
                data-change={c.id}
                data-to={c.to}
              >
                <Link href={`/servers/${c.server.id}`} className="min-w-0 text-sm hover:text-brand-700">
                  <span className="font-medium text-slate-900">{c.server.name}</span>{" "}
                  <span className="whitespace-nowrap font-mono text-xs text-slate-500">
                    {c.server.serverId}
                  </span>
                </Link>
                <span className="flex items-center gap-2 text-xs text-slate-500">
                  <span className="sr-only">{t("change", { from: status(c.from), to: status(c.to) })}</span>
                  <span aria-hidden="true" className="flex items-center gap-1">
                    {badge(c.from)}→{badge(c.to)}
                  </span>
                  <RelativeTime at={c.at.toISOString()} />
                </span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </section>
  );
}
