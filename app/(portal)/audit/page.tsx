import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass, EmptyState, Icon, PageHeader, Table, Td } from "@/components/ui";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { isAppError } from "@/lib/errors";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";

export async function generateMetadata() {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<{ before?: string | string[] }>;
}) {
  const actor = await requireActor();
  const { before } = await searchParams;
  const { events, nextBefore } = await orNotFound(() =>
    listAuditEvents(db, actor, { before }).catch((error: unknown) => {
      // A cursor this page never handed out was edited by hand: there is no such page of the log.
      if (isAppError(error) && error.code === "validation") notFound();
      throw error;
    }),
  );
  const t = await getTranslations("audit");
  const format = await getFormatter();
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      {events.length === 0 ? (
        <EmptyState icon={<Icon name="list" />} title={t("emptyTitle")} body={t("emptyBody")} />
      ) : (
        <>
          <Table head={[t("actor"), t("action"), t("target"), t("ip"), ""]}>
            {events.map((e) => (
              <tr key={e.id}>
                <Td>{e.actorLabel}</Td>
                <Td>
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{e.action}</code>
                </Td>
                <Td className="text-xs text-slate-500">
                  {e.targetType}
                  {Object.keys(e.details).length > 0 && (
                    <span className="ml-1 text-slate-400">{JSON.stringify(e.details).slice(0, 120)}</span>
                  )}
                </Td>
                <Td className="font-mono text-xs text-slate-500">{e.ip ?? "–"}</Td>
                <Td className="whitespace-nowrap text-right text-xs text-slate-500">
                  {format.dateTime(e.createdAt, { dateStyle: "medium", timeStyle: "medium" })}
                </Td>
              </tr>
            ))}
          </Table>
          {nextBefore && (
            <div className="mt-4 flex justify-center">
              <Link className={buttonClass("secondary")} href={`/audit?before=${nextBefore}`}>
                {(await getTranslations("common"))("more")}
              </Link>
            </div>
          )}
        </>
      )}
    </>
  );
}
