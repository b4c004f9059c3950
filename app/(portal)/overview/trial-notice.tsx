import { getFormatter, getTranslations } from "next-intl/server";
import { ButtonLink, Notice } from "@/components/ui";
import type { OrganisationTrial } from "@/lib/trials/get-organisation-trial";

/** Until when the organisation's trial runs, whether a server carries it, and whom to ask. */
export async function TrialNotice({
  trial,
  canRegister,
}: {
  trial: OrganisationTrial;
  canRegister: boolean;
}) {
  const t = await getTranslations("dashboard.trial");
  const format = await getFormatter();
  const date = format.dateTime(trial.endsAt, { dateStyle: "long" });
  return (
    <div className="mb-8" data-trial={trial.ended ? "ended" : "running"}>
      <Notice tone={trial.ended ? "warning" : "info"}>
        <p className="font-medium">
          {trial.ended ? t("ended", { date }) : t("running", { date, days: trial.daysLeft })}
        </p>
        {!trial.onServer && !trial.ended && (
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <span>{t("noServer")}</span>
            {canRegister && (
              <ButtonLink href="/servers/register" variant="secondary">
                {t("register")}
              </ButtonLink>
            )}
          </div>
        )}
        {trial.contact && (
          <p className="mt-2">{t("contact", { name: trial.contact.name, email: trial.contact.email })}</p>
        )}
      </Notice>
    </div>
  );
}
