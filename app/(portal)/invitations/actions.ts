"use server";

import { revalidatePath } from "next/cache";
import type { RenderedMail } from "@/emails/layout";
import { AppError } from "@/lib/errors";
import { parseRecipientsCsv } from "@/lib/invitations/parse-recipients-csv";
import { previewAppInvitation } from "@/lib/invitations/preview-app-invitation";
import type { RawRecipient, RejectedRecipient } from "@/lib/invitations/recipients";
import { resendAppInvitation, resendFailedAppInvitations } from "@/lib/invitations/resend-app-invitations";
import { sendAppInvitations } from "@/lib/invitations/send-app-invitations";
import { db } from "@/lib/server/portal";
import { requireActor } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

const CSV_MAX_BYTES = 1024 * 1024;

export type SendState = FormState & { queued?: number; rejected?: RejectedRecipient[] };

/** Sends the composed invitations; rejected rows come back with their reasons. */
export async function sendInvitationsAction(input: unknown): Promise<SendState> {
  const actor = await requireActor();
  return runForm(input, async (values) => {
    const { queued, rejected } = await sendAppInvitations(db, actor, values);
    revalidatePath("/invitations");
    // Nothing queued is no error (each row says why), but no success either.
    return { ok: queued > 0, queued, rejected };
  });
}

export type PreviewState = { ok: true; mail: RenderedMail } | { ok: false; message: string };

export async function previewInvitationAction(input: unknown): Promise<PreviewState> {
  const actor = await requireActor();
  const state = await runForm(input, async (values) => ({
    mail: await previewAppInvitation(db, actor, values),
  }));
  if (state.mail) return { ok: true, mail: state.mail };
  // The composer shows one message: input it cannot preview is "validation", whatever the field.
  return { ok: false, message: state.message ?? "validation" };
}

export type CsvState = { ok: true; rows: RawRecipient[] } | { ok: false; message: string };

/** Reads an uploaded CSV into rows for the composer; nothing is stored or sent here. */
export async function parseCsvAction(form: FormData): Promise<CsvState> {
  await requireActor();
  const file = form.get("file");
  if (!(file instanceof File)) return { ok: false, message: "csv-empty" };
  if (file.size > CSV_MAX_BYTES) return { ok: false, message: "csv-too-large" };
  try {
    return { ok: true, rows: parseRecipientsCsv(new Uint8Array(await file.arrayBuffer())) };
  } catch (error) {
    if (error instanceof AppError && error.fields[0]) return { ok: false, message: error.fields[0].message };
    return { ok: false, message: "csv-malformed" };
  }
}

export async function resendInvitationAction(_: FormState, form: FormData): Promise<FormState> {
  const actor = await requireActor();
  const state = await runForm(form, async (values) => {
    await resendAppInvitation(db, actor, String(values.invitationId ?? ""));
    return "resent";
  });
  if (state.ok) revalidatePath("/invitations");
  return state;
}

export async function resendFailedAction(
  _: FormState,
  form: FormData,
): Promise<FormState & { count?: number }> {
  const actor = await requireActor();
  const state = await runForm(form, async () => ({
    message: "resent-failed",
    count: await resendFailedAppInvitations(db, actor),
  }));
  if (state.ok) revalidatePath("/invitations");
  return state;
}
