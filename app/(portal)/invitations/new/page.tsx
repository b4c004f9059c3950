import { getLocale, getTranslations } from "next-intl/server";
import { ButtonLink, EmptyState, Icon, PageHeader } from "@/components/ui";
import { MESSAGE_MAX } from "@/lib/invitations/send-app-invitations";
import { requirePermission } from "@/lib/permissions";
import { db } from "@/lib/server/portal";
import { listServers } from "@/lib/servers/list-servers";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { parseCsvAction, previewInvitationAction, sendInvitationsAction } from "../actions";
import { Composer } from "./composer";

export async function generateMetadata() {
  return { title: (await getTranslations("invitations"))("new") };
}

export default async function NewInvitationsPage() {
  const actor = await requireActor();
  await orNotFound(() => requirePermission(actor, "invitations.send"));
  const servers = await listServers(db, actor);
  const t = await getTranslations("invitations");
  const locale = (await getLocale()) === "en" ? "en" : "de";
  return (
    <>
      <PageHeader title={t("compose.title")} lead={t("compose.lead")} />
      {servers.length === 0 ? (
        <EmptyState
          icon={<Icon name="server" />}
          title={t("new")}
          body={t("noServers")}
          action={<ButtonLink href="/servers">{(await getTranslations("nav"))("servers")}</ButtonLink>}
        />
      ) : (
        <Composer
          servers={servers
            .filter((s) => !s.disabled)
            .map((s) => ({ id: s.id, name: s.name, serverId: s.serverId }))}
          defaultLocale={locale}
          messageMax={MESSAGE_MAX}
          send={sendInvitationsAction}
          preview={previewInvitationAction}
          parseCsv={parseCsvAction}
        />
      )}
    </>
  );
}
