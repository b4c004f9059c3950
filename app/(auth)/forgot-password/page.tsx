import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requestPasswordResetAction } from "../actions";
import { EmailRequestForm } from "./email-request-form";

export default async function ForgotPasswordPage() {
  const t = await getTranslations();
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("auth.forgotTitle")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("auth.forgotLead")}</p>
      <EmailRequestForm action={requestPasswordResetAction} />
      <p className="mt-6 text-center text-sm">
        <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
          {t("auth.backToSignIn")}
        </Link>
      </p>
    </>
  );
}
