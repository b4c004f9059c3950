import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Notice } from "@/components/ui";
import { can } from "@/lib/permissions";
import { db } from "@/lib/server/portal";
import { getServerSummary } from "@/lib/servers/get-server-summary";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { BackLink } from "../../forms";
import { ServerTabs } from "../tabs";

/**
 * The server's name and tabs above the assistant. The server is looked up here, outside the page's
 * loading boundary: another organisation's server answers a real 404 before anything streams.
 */
export default async function ConnectivityLayout({
  params,
  children,
}: {
  params: Promise<{ id: string }>;
  children: ReactNode;
}) {
  const actor = await requireActor();
  const { id } = await params;
  const server = await orNotFound(() => getServerSummary(db, actor, { server: id }));
  const t = await getTranslations("connectivity");
  const tServers = await getTranslations("servers");
  return (
    <>
      <BackLink href="/servers" label={tServers("title")} />
      <header className="mt-2 mb-6">
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900" data-server-name>
          {server.name}
        </h1>
        <p className="mt-1 text-sm text-slate-500">
          {tServers("detail.serverId")} <span className="font-mono text-slate-800">{server.serverId}</span>
        </p>
      </header>
      <ServerTabs server={server.id} current="connectivity" />
      <p className="mb-6 max-w-3xl text-sm text-slate-600">{t("lead")}</p>
      {!can(actor, "connectivity.manage") && (
        <div className="mb-6">
          <Notice>{t("readOnly")}</Notice>
        </div>
      )}
      {children}
    </>
  );
}
