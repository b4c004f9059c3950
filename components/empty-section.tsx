import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/http/context";
import { NoOrganisation } from "./no-organisation";
import { EmptyState, Icon, type IconName, PageHeader } from "./ui";

type Namespace = "servers" | "licenses" | "invitations" | "terms";

/** An organisation section with nothing in it yet: its title, lead and empty state. */
export async function EmptySection({ ns, icon }: { ns: Namespace; icon: IconName }) {
  const actor = await requireActor();
  const t = await getTranslations(ns);
  if (!actor.org) return <NoOrganisation />;
  return (
    <>
      <PageHeader title={t("title")} lead={t("lead")} />
      <EmptyState icon={<Icon name={icon} />} title={t("emptyTitle")} body={t("emptyBody")} />
    </>
  );
}

export async function sectionTitle(ns: Namespace) {
  return { title: (await getTranslations(ns))("title") };
}
