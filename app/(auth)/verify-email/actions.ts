"use server";

import { resendVerification } from "@/lib/accounts/resend-verification";
import { verifyEmail } from "@/lib/accounts/verify-email";
import { db } from "@/lib/server/portal";
import { requestIp } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export type VerifyState = FormState & { signInToken?: string };

export async function verifyEmailAction(_: VerifyState, form: FormData): Promise<VerifyState> {
  const ip = await requestIp();
  return runForm(form, async (values) => {
    const { signInToken } = await verifyEmail(db, { token: values.token, ip });
    return { signInToken };
  });
}

export async function resendVerificationAction(_: FormState, form: FormData): Promise<FormState> {
  const ip = await requestIp();
  return runForm(form, async (values) => {
    await resendVerification(db, { input: values, ip });
    return "verification-sent";
  });
}
