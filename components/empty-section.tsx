import { getTranslations } from "next-intl/server";
import { requireActor } from "@/lib/web/context";
import { NoOrganisation } from "./no-organisation";
import { EmptyState, Icon, type IconName, PageHeader } from "./ui";

/** A page with nothing in it yet: its title, lead and empty state. */
export function EmptyPage(p: {
  title: string;
  lead: string;
  emptyTitle: string;
  emptyBody: string;
  icon: IconName;
}) {
  return (
    <>
      <PageHeader title={p.title} lead={p.lead} />
      <EmptyState icon={<Icon name={p.icon} />} title={p.emptyTitle} body={p.emptyBody} />
    </>
  );
}

type Namespace = "servers" | "licenses" | "invitations" | "terms" | "trials";

/** An organisation's (or sales') section with nothing in it yet, from its message namespace. */
export async function EmptySection({
  ns,
  icon,
  needsOrg = true,
}: {
  ns: Namespace;
  icon: IconName;
  needsOrg?: boolean;
}) {
  const t = await getTranslations(ns);
  if (needsOrg && !(await requireActor()).org) return <NoOrganisation />;
  return (
    <EmptyPage
      title={t("title")}
      lead={t("lead")}
      emptyTitle={t("emptyTitle")}
      emptyBody={t("emptyBody")}
      icon={icon}
    />
  );
}

export async function sectionTitle(ns: Namespace) {
  return { title: (await getTranslations(ns))("title") };
}
