import { getFormatter, getTranslations } from "next-intl/server";
import { ButtonLink, Card, Icon, Notice } from "@/components/ui";
import type { OrganisationTrial } from "@/lib/trials/get-organisation-trial";
import type { PortalTrialOffer } from "@/lib/trials/get-portal-trial-offer";
import { StartTrialButton } from "./start-trial-button";

/** The offer to start the organisation's trial: the button for owners and admins, a hint for others. */
export async function StartTrialOffer({ offer }: { offer: PortalTrialOffer }) {
  const t = await getTranslations("portalTrial");
  return (
    <Card className="p-5">
      <div className="flex items-start gap-3" data-trial-offer>
        <span className="flex size-9 shrink-0 items-center justify-center rounded-lg bg-brand-50 text-brand-600">
          <Icon name="rocket" />
        </span>
        <div className="min-w-0 flex-1 space-y-3">
          <div>
            <h2 className="text-base font-semibold text-slate-900">{t("title", { days: offer.days })}</h2>
            <p className="mt-1 text-sm text-slate-600">{t("lead")}</p>
          </div>
          {offer.canStart ? (
            <StartTrialButton days={offer.days} />
          ) : (
            <p className="text-sm text-slate-500">{t("askAdmin")}</p>
          )}
        </div>
      </div>
    </Card>
  );
}

/**
 * The organisation's running (or ended) trial: until when, where it goes while no server carries
 * it, and whom to ask (its sales person).
 */
export async function TrialNotice({
  trial,
  canManageServers,
}: {
  trial: OrganisationTrial;
  canManageServers: boolean;
}) {
  const t = await getTranslations("portalTrial");
  const format = await getFormatter();
  const date = format.dateTime(trial.endsAt, { dateStyle: "long" });
  return (
    <div data-trial={trial.ended ? "ended" : "running"} data-trial-ends={trial.endsAt.toISOString()}>
      <Notice tone={trial.ended ? "warning" : "info"}>
        <p className="font-medium">
          {trial.ended ? t("ended", { date }) : t("running", { date, days: trial.daysLeft })}
        </p>
        {!trial.onServer && !trial.ended && (
          <div className="mt-2 flex flex-wrap items-center gap-3">
            <span>{t("noServer")}</span>
            {canManageServers && (
              <>
                <ButtonLink href="/servers/register" variant="secondary">
                  {t("register")}
                </ButtonLink>
                <ButtonLink href="/servers/claim" variant="secondary">
                  {t("claim")}
                </ButtonLink>
              </>
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
