import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { requirePermission } from "@/lib/permissions";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { claimServerAction } from "../actions";
import { BackLink, ClaimForm } from "../forms";

export async function generateMetadata() {
  return { title: (await getTranslations("servers.claimPage"))("title") };
}

export default async function ClaimServerPage() {
  const actor = await requireActor();
  await orNotFound(() => requirePermission(actor, "servers.manage"));
  const t = await getTranslations("servers");
  return (
    <>
      <BackLink href="/servers" label={t("title")} />
      <PageHeader title={t("claimPage.title")} lead={t("claimPage.lead")} />
      <Card className="max-w-xl p-6">
        <ClaimForm action={claimServerAction} />
      </Card>
    </>
  );
}
