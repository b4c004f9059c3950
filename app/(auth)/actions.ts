"use server";

import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { requestLinkSchema, requestSignInLink } from "@/lib/auth/request-sign-in-link";
import { resetPassword, resetPasswordSchema } from "@/lib/auth/reset-password";
import { db } from "@/lib/server/portal";
import { requestIp } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export async function requestSignInLinkAction(_: FormState, form: FormData): Promise<FormState> {
  const ip = await requestIp();
  return runForm(form, requestLinkSchema, async (input) => {
    await requestSignInLink(db, { email: input.email, ip });
    return "link-sent";
  });
}

export async function requestPasswordResetAction(_: FormState, form: FormData): Promise<FormState> {
  const ip = await requestIp();
  return runForm(form, requestLinkSchema, async (input) => {
    await requestPasswordReset(db, { email: input.email, ip });
    return "reset-sent";
  });
}

export async function resetPasswordAction(_: FormState, form: FormData): Promise<FormState> {
  const ip = await requestIp();
  return runForm(form, resetPasswordSchema, async (input) => {
    await resetPassword(db, { input, ip });
    return "password-reset";
  });
}
