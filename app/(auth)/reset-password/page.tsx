import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui";
import { peekAuthToken } from "@/lib/auth/auth-tokens";
import { db } from "@/lib/server/portal";
import { resetPasswordAction } from "../actions";
import { ResetForm } from "./reset-form";

export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = "" } = await searchParams;
  const t = await getTranslations("auth");
  const valid = await peekAuthToken(db, token, "password-reset");
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("resetTitle")}</h1>
      {valid ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">{t("resetLead")}</p>
          <ResetForm token={token} action={resetPasswordAction} />
        </>
      ) : (
        <div className="mt-6 space-y-4">
          <Notice tone="error">{t("linkInvalid")}</Notice>
          <Link href="/forgot-password" className="text-sm font-medium text-brand-700 hover:underline">
            {t("requestNewLink")}
          </Link>
        </div>
      )}
    </>
  );
}
