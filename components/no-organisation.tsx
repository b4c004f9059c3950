import { getTranslations } from "next-intl/server";
import { EmptyState, Icon } from "./ui";

export async function NoOrganisation() {
  const t = await getTranslations("shell");
  return <EmptyState icon={<Icon name="users" />} title={t("noOrg")} body={t("noOrgHint")} />;
}
