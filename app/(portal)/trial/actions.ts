"use server";

import { revalidatePath } from "next/cache";
import { isAppError } from "@/lib/errors";
import { db } from "@/lib/server/portal";
import { startTrialInPortal } from "@/lib/trials/start-trial-in-portal";
import { TRIAL_USED } from "@/lib/trials/trial-codes";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

/** What the start-trial button shows after its click. */
export type StartTrialState = FormState & {
  started?: { endsAt: string; serverId: string | null };
};

export async function startTrialAction(_: StartTrialState, form: FormData): Promise<StartTrialState> {
  const actor = await requireActor();
  const state = await runForm<Pick<StartTrialState, "started">>(form, async (values) => {
    try {
      const started = await startTrialInPortal(db, actor, values);
      return {
        message: "started",
        started: { endsAt: started.endsAt.toISOString(), serverId: started.serverId },
      };
    } catch (error) {
      // The one refusal the button words itself: the organisation has had its trial.
      if (isAppError(error) && error.reason === TRIAL_USED) return { ok: false, message: TRIAL_USED };
      throw error;
    }
  });
  // The trial shows on every page of the organisation (overview, licenses, servers).
  if (state.ok) revalidatePath("/", "layout");
  return state;
}
