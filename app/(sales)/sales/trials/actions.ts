"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/server/portal";
import { assignTrial, assignTrialSchema } from "@/lib/trials/assign-trial";
import { convertTrial, convertTrialSchema } from "@/lib/trials/convert-trial";
import { extendTrial, extendTrialSchema } from "@/lib/trials/extend-trial";
import { resendTrialInvitation, resendTrialInvitationSchema } from "@/lib/trials/resend-trial-invitation";
import {
  type StartTrialForProspectInput,
  startTrialForProspect,
  startTrialForProspectSchema,
} from "@/lib/trials/start-trial-for-prospect";
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

// The use cases parse their own input; the form's raw strings go to them, not the parsed output.
function raw(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("$")) out[k] = v;
  return out;
}

function revalidate() {
  revalidatePath("/sales/trials", "layout");
}

export async function startTrialAction(_: StartState, form: FormData): Promise<StartState> {
  const actor = await requireActor();
  let started: StartState["started"];
  const state = await runForm(form, startTrialForProspectSchema, async (input) => {
    const done = await startTrialForProspect(db, actor, raw(form) as StartTrialForProspectInput);
    started = {
      trialId: done.trialId,
      company: input.company,
      contactEmail: input.contactEmail,
      endsAt: done.endsAt.toISOString(),
      server: done.server && { serverId: done.server.serverId, password: done.server.password },
    };
    return "started";
  });
  if (state.ok) revalidate();
  return { ...state, started };
}

export async function extendTrialAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, extendTrialSchema, async (input) => {
    await extendTrial(db, actor, input);
    return "extended";
  });
  if (state.ok) revalidate();
  return state;
}

export async function convertTrialAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, convertTrialSchema, async () => {
    await convertTrial(db, actor, raw(form) as Parameters<typeof convertTrial>[2]);
    return "converted";
  });
  if (state.ok) revalidate();
  return state;
}

export async function assignTrialAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, assignTrialSchema, async (input) => {
    await assignTrial(db, actor, input);
    return "assigned";
  });
  if (state.ok) revalidate();
  return state;
}

export async function resendInvitationAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, resendTrialInvitationSchema, async (input) => {
    await resendTrialInvitation(db, actor, input);
    return "resent";
  });
  if (state.ok) revalidate();
  return state;
}
