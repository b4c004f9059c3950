import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/ui";
import { requirePermission } from "@/lib/permissions";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { registerServerAction } from "../actions";
import { BackLink, RegisterForm } from "../forms";

export async function generateMetadata() {
  return { title: (await getTranslations("servers.registerPage"))("title") };
}

export default async function RegisterServerPage() {
  const actor = await requireActor();
  await orNotFound(() => requirePermission(actor, "servers.manage"));
  const t = await getTranslations("servers");
  return (
    <>
      <BackLink href="/servers" label={t("title")} />
      <PageHeader title={t("registerPage.title")} lead={t("registerPage.lead")} />
      <Card className="max-w-2xl p-6">
        <RegisterForm action={registerServerAction} />
      </Card>
    </>
  );
}
