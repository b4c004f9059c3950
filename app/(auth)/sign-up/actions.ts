"use server";

import { signUp } from "@/lib/accounts/sign-up";
import { db } from "@/lib/server/portal";
import { requestIp } from "@/lib/web/context";
import { type FormState, runForm } from "@/lib/web/forms";

export type SignUpState = FormState & { email?: string };

export async function signUpAction(_: SignUpState, form: FormData): Promise<SignUpState> {
  const ip = await requestIp();
  return runForm(form, async (values) => {
    const { email } = await signUp(db, { input: values, ip });
    return { message: "signed-up", email };
  });
}
