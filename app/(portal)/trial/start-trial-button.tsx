"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormMessage, FormStateProvider, SubmitButton } from "@/components/form";
import { ButtonLink, Notice } from "@/components/ui";
import { TRIAL_USED } from "@/lib/trials/trial-codes";
import { type StartTrialState, startTrialAction } from "./actions";

/**
 * "Start a trial" in one click, for an owner or admin of an organisation that has had no trial
 * (see getPortalTrialOffer). After the click it says until when the trial runs and, while no server
 * carries it, where to register or claim one. The use case decides again, so a second click or a
 * second tab is answered with a clear refusal.
 */
export function StartTrialButton({ days }: { days: number }) {
  const t = useTranslations("portalTrial");
  const format = useFormatter();
  const [state, formAction] = useActionState<StartTrialState, FormData>(startTrialAction, { ok: false });
  if (state.ok && state.started) {
    const { endsAt, serverId } = state.started;
    return (
      <div className="space-y-3" data-trial-started={serverId ?? ""}>
        <Notice tone="success">
          <p className="font-medium">
            {t("started", { date: format.dateTime(new Date(endsAt), { dateStyle: "long" }) })}
          </p>
          <p className="mt-1">{serverId ? t("startedOnServer", { serverId }) : t("startedNoServer")}</p>
        </Notice>
        {!serverId && (
          <div className="flex flex-wrap gap-2">
            <ButtonLink href="/servers/register">{t("register")}</ButtonLink>
            <ButtonLink href="/servers/claim" variant="secondary">
              {t("claim")}
            </ButtonLink>
          </div>
        )}
      </div>
    );
  }
  return (
    <FormStateProvider value={state}>
      <form action={formAction} className="space-y-3" data-start-trial>
        {state.message === TRIAL_USED ? <Notice tone="warning">{t("trialUsed")}</Notice> : <FormMessage />}
        {state.message !== TRIAL_USED && (
          <SubmitButton pending={t("pending")}>{t("submit", { days })}</SubmitButton>
        )}
      </form>
    </FormStateProvider>
  );
}
