"use server";

import { revalidatePath } from "next/cache";
import type { RenderedMail } from "@/emails/layout";
import { AppError, isAppError } from "@/lib/errors";
import { parseRecipientsCsv } from "@/lib/invitations/parse-recipients-csv";
import { previewAppInvitation, previewSchema } from "@/lib/invitations/preview-app-invitation";
import type { RawRecipient, RejectedRecipient } from "@/lib/invitations/recipients";
import { resendAppInvitation, resendFailedAppInvitations } from "@/lib/invitations/resend-app-invitations";
import { sendAppInvitations, sendAppInvitationsSchema } from "@/lib/invitations/send-app-invitations";
import { db } from "@/lib/server/portal";
import { zodFieldErrors } from "@/lib/validation";
import { requireActor } from "@/lib/web/context";
import { type FormState, fieldErrorMap, formError } from "@/lib/web/forms";

const CSV_MAX_BYTES = 1024 * 1024;

export type SendState = FormState & { queued?: number; rejected?: RejectedRecipient[] };

/** Sends the composed invitations; rejected rows come back with their reasons. */
export async function sendInvitationsAction(input: unknown): Promise<SendState> {
  const actor = await requireActor();
  const parsed = sendAppInvitationsSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, fieldErrors: fieldErrorMap(zodFieldErrors(parsed.error, "_form")), at: Date.now() };
  try {
    const result = await sendAppInvitations(db, actor, parsed.data);

    revalidatePath("/invitations");
    return { ok: result.queued > 0, queued: result.queued, rejected: result.rejected, at: Date.now() };
  } catch (error) {
    return { ...formError(error), at: Date.now() };
  }
}

export type PreviewState = { ok: true; mail: RenderedMail } | { ok: false; message: string };

export async function previewInvitationAction(input: unknown): Promise<PreviewState> {
  const actor = await requireActor();
  const parsed = previewSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: "validation" };
  try {
    return { ok: true, mail: await previewAppInvitation(db, actor, parsed.data) };
  } catch (error) {
    return { ok: false, message: isAppError(error) ? error.code : "unexpected" };
  }
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
  try {
    await resendAppInvitation(db, actor, String(form.get("invitationId") ?? ""));
  } catch (error) {
    return formError(error);
  }
  revalidatePath("/invitations");
  return { ok: true, message: "resent", at: Date.now() };
}

export async function resendFailedAction(
  _: FormState,
  _form: FormData,
): Promise<FormState & { count?: number }> {
  const actor = await requireActor();
  try {
    const count = await resendFailedAppInvitations(db, actor);
    revalidatePath("/invitations");
    return { ok: true, message: "resent-failed", count, at: Date.now() };
  } catch (error) {
    return formError(error);
  }
}
