import { getLocale, getTranslations } from "next-intl/server";
import { NoOrganisation } from "@/components/no-organisation";
import { PageHeader } from "@/components/ui";
import { getFleetDashboard } from "@/lib/dashboard/get-fleet-dashboard";
import { getOnboarding } from "@/lib/dashboard/get-onboarding";
import { can } from "@/lib/permissions";
import { db } from "@/lib/server/portal";
import { getOrganisationTrial } from "@/lib/trials/get-organisation-trial";
import { getPortalTrialOffer } from "@/lib/trials/get-portal-trial-offer";
import { requireActor } from "@/lib/web/context";
import { orNotFound } from "@/lib/web/page";
import { LiveStatusProvider } from "../servers/live";
import { StartTrialButton } from "../trial/start-trial-button";
import { TrialNotice } from "../trial/trial-panels";
import { AttentionPanel } from "./attention";
import { FleetCountTiles } from "./fleet-counts";
import { LicenseBars } from "./license-bars";
import { OnboardingSteps, type StepLinks, TrialOfferCard } from "./onboarding";
import { RecentChanges } from "./recent-changes";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function OverviewPage() {
  const actor = await requireActor();
  if (!actor.org) return <NoOrganisation />;
  const locale = (await getLocale()) === "en" ? "en" : "de";
  const [trial, onboarding, offer, fleet] = await orNotFound(() =>
    Promise.all([
      getOrganisationTrial(db, actor),
      getOnboarding(db, actor),
      getPortalTrialOffer(db, actor),
      getFleetDashboard(db, actor, { locale }),
    ]),
  );
  const t = await getTranslations("dashboard");
  const o = await getTranslations("dashboard.onboarding");
  const canManageServers = can(actor, "servers.manage");
  const links: StepLinks = {
    server: {
      open: canManageServers
        ? [
            { href: "/servers/register", label: o("server.register") },
            { href: "/servers/claim", label: o("server.claim") },
          ]
        : [{ href: "/servers", label: o("server.view") }],
      done: { href: "/servers", label: o("server.view") },
    },
    terms: {
      open: [{ href: "/terms", label: can(actor, "terms.accept") ? o("terms.action") : o("terms.view") }],
      done: { href: "/terms", label: o("terms.view") },
    },
    invitations: {
      open: can(actor, "invitations.send")
        ? [{ href: "/invitations/new", label: o("invitations.action") }]
        : [{ href: "/invitations", label: o("invitations.view") }],
      done: { href: "/invitations", label: o("invitations.view") },
    },
  };

  const content = (
    <>
      <PageHeader title={t("title")} lead={t("lead", { name: actor.name })} />
      {trial && (
        <div className="mb-8">
          <TrialNotice trial={trial} canManageServers={canManageServers} />
        </div>
      )}
      {!onboarding.complete && (
        <OnboardingSteps
          onboarding={onboarding}
          links={links}
          trial={
            offer && (
              <TrialOfferCard
                days={offer.days}
                action={offer.canStart ? <StartTrialButton days={offer.days} /> : null}
              />
            )
          }
        />
      )}
      {onboarding.hasServer && (
        <div className="space-y-8" data-dashboard>
          <FleetCountTiles counts={fleet.counts} />
          <div className="grid gap-8 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
            <AttentionPanel attention={fleet.attention} />
            <div className="space-y-8">
              <LicenseBars usage={fleet.usage} />
              <RecentChanges changes={fleet.recent} />
            </div>
          </div>
        </div>
      )}
    </>
  );
  // Status changes arrive live and refresh the figures; without a server there is nothing to watch.
  return onboarding.hasServer ? <LiveStatusProvider>{content}</LiveStatusProvider> : content;
}
