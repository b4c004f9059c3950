import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { requirePermission } from "@/lib/permissions";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { claimServerAction } from "../actions";
import { BackLink, ClaimForm } from "../forms";
import { claimPrefill } from "./prefill";

export async function generateMetadata() {
  return { title: (await getTranslations("servers.claimPage"))("title") };
}

type Params = Promise<Record<string, string | string[] | undefined>>;

/** Claiming a self-started trial's server; the claim mail's link fills in its Server-ID. */
export default async function ClaimServerPage({ searchParams }: { searchParams: Params }) {
  const actor = await requireActor();
  await orNotFound(() => requirePermission(actor, "servers.manage"));
  const serverId = claimPrefill((await searchParams).serverId);
  const t = await getTranslations("servers");
  return (
    <>
      <BackLink href="/servers" label={t("title")} />
      <PageHeader title={t("claimPage.title")} lead={t("claimPage.lead")} />
      <Card className="max-w-xl p-6">
        <ClaimForm action={claimServerAction} serverId={serverId} />
      </Card>
    </>
  );
}
