import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui";
import { peekAuthToken } from "@/lib/auth/auth-tokens";
import { db } from "@/lib/server/portal";
import { safeCallbackUrl } from "@/lib/web/safe-redirect";
import { resendVerificationAction, verifyEmailAction } from "./actions";
import { ResendForm, VerifyForm } from "./forms";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("signUp.verify"))("title") };
}

/**
 * The page a verification e-mail links to. It verifies only on a click: mail scanners that open
 * links must not use up the one-time token. Without a working link it offers a new one.
 */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; next?: string }>;
}) {
  const { token = "", next } = await searchParams;
  const t = await getTranslations("signUp");
  const valid = token !== "" && (await peekAuthToken(db, token, "email-verification"));
  if (valid) {
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">{t("verify.title")}</h1>
        <p className="mt-1 mb-6 text-sm text-slate-600">{t("verify.lead")}</p>
        <VerifyForm token={token} next={safeCallbackUrl(next ?? "/overview")} action={verifyEmailAction} />
      </>
    );
  }
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("resend.title")}</h1>
      {token !== "" && (
        <div className="mt-4">
          <Notice tone="error">{t("verify.invalid")}</Notice>
        </div>
      )}
      <p className="mt-4 mb-6 text-sm text-slate-600">{t("resend.lead")}</p>
      <ResendForm action={resendVerificationAction} />
      <p className="mt-6 text-center text-sm">
        <Link href="/sign-in" className="font-medium text-brand-700 hover:underline">
          {t("signIn")}
        </Link>
      </p>
    </>
  );
}
