"use server";

import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { requestSignInLink } from "@/lib/auth/request-sign-in-link";
import { resetPassword } from "@/lib/auth/reset-password";
import { db } from "@/lib/server/portal";
import { requestIp } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export async function requestSignInLinkAction(_: FormState, form: FormData): Promise<FormState> {
  const ip = await requestIp();
  return runForm(form, async (values) => {
    await requestSignInLink(db, { email: values.email, ip });
    return "link-sent";
  });
}

export async function requestPasswordResetAction(_: FormState, form: FormData): Promise<FormState> {
  const ip = await requestIp();
  return runForm(form, async (values) => {
    await requestPasswordReset(db, { email: values.email, ip });
    return "reset-sent";
  });
}

export async function resetPasswordAction(_: FormState, form: FormData): Promise<FormState> {
  const ip = await requestIp();
  return runForm(form, async (values) => {
    await resetPassword(db, { input: values, ip });
    return "password-reset";
  });
}
