"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/server/portal";
import { assignTrial } from "@/lib/trials/assign-trial";
import { convertTrial } from "@/lib/trials/convert-trial";
import { extendTrial } from "@/lib/trials/extend-trial";
import { resendTrialInvitation } from "@/lib/trials/resend-trial-invitation";
import { startTrialForProspect } from "@/lib/trials/start-trial-for-prospect";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

/** What the start form gets back: on success the trial, and the server's access data shown this once. */
export type StartState = FormState & {
  started?: {
    trialId: string;
    company: string;
    contactEmail: string;
    endsAt: string;
    server: { serverId: string; password: string } | null;
  };
};

function revalidate() {
  revalidatePath("/sales/trials", "layout");
}

export async function startTrialAction(_: StartState, form: FormData): Promise<StartState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    const done = await startTrialForProspect(db, actor, values);
    return {
      message: "started",
      started: {
        trialId: done.trialId,
        company: done.company,
        contactEmail: done.contactEmail,
        endsAt: done.endsAt.toISOString(),
        server: done.server && { serverId: done.server.serverId, password: done.server.password },
      },
    };
  });
  if (state.ok) revalidate();
  return state;
}

export async function extendTrialAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    await extendTrial(db, actor, values);
    return "extended";
  });
  if (state.ok) revalidate();
  return state;
}

export async function convertTrialAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    await convertTrial(db, actor, values);
    return "converted";
  });
  if (state.ok) revalidate();
  return state;
}

export async function assignTrialAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    await assignTrial(db, actor, values);
    return "assigned";
  });
  if (state.ok) revalidate();
  return state;
}

export async function resendInvitationAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    await resendTrialInvitation(db, actor, values);
    return "resent";
  });
  if (state.ok) revalidate();
  return state;
}
