import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { getAppLinks } from "@/lib/invitations/app-links";
import { requirePermission } from "@/lib/permissions";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { updateAppLinksAction } from "./actions";
import { AppLinksForm } from "./app-links-form";

export async function generateMetadata() {
  return { title: (await getTranslations("invitations.links"))("title") };
}

export default async function AppLinksPage() {
  const actor = await requireActor();
  await orNotFound(() => requirePermission(actor, "app-links.manage"));
  const links = await getAppLinks(db);
  const t = await getTranslations("invitations.links");
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <Card className="max-w-2xl p-6">
        <AppLinksForm action={updateAppLinksAction} links={links} />
      </Card>
    </>
  );
}
