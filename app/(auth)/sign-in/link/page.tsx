import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui";
import { peekAuthToken } from "@/lib/auth/auth-tokens";
import { db } from "@/lib/server/portal";
import { ConfirmLink } from "./confirm-link";

export const dynamic = "force-dynamic";

/**
 * The page a sign-in e-mail links to. It signs in only on a click: mail scanners that open
 * links must not use up the one-time token.
 */
export default async function SignInLinkPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = "" } = await searchParams;
  const t = await getTranslations("auth");
  const valid = await peekAuthToken(db, token, "sign-in-link");
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("linkTitle")}</h1>
      {valid ? (
        <>
          <p className="mt-1 mb-6 text-sm text-slate-600">{t("linkLead")}</p>
          <ConfirmLink token={token} />
        </>
      ) : (
        <div className="mt-6 space-y-4">
          <Notice tone="error">{t("linkInvalid")}</Notice>
          <Link href="/sign-in" className="text-sm font-medium text-brand-700 hover:underline">
            {t("requestNewLink")}
          </Link>
        </div>
      )}
    </>
  );
}
