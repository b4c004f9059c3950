import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LeadLink, Notice } from "@/components/ui";
import { currentSignUpDocuments } from "@/lib/accounts/sign-up-documents";
import { homePath } from "@/lib/auth/home-path";
import { db } from "@/lib/server/portal";
import { getActor } from "@/lib/web/context";
import { safeCallbackUrl } from "@/lib/web/safe-redirect";
import { signUpAction } from "./actions";
import { SignUpForm } from "./sign-up-form";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("signUp"))("title") };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  const actor = await getActor();
  // Someone signed in already goes straight on (to the claim form a trial mail linked, say).
  if (actor) redirect(next ? safeCallbackUrl(next) : homePath(actor));
  const t = await getTranslations("signUp");
  const locale = await getLocale();
  const docs = await currentSignUpDocuments(db);
  const license = docs.find((d) => d.kind === "license-terms");
  const privacy = docs.find((d) => d.kind === "privacy-policy");
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("title")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("lead")}</p>
      {license && privacy ? (
        <SignUpForm
          action={signUpAction}
          defaultLocale={locale === "en" ? "en" : "de"}
          licenseVersion={license.version}
          privacyVersion={privacy.version}
          next={next ? safeCallbackUrl(next) : undefined}
        />
      ) : (
        <Notice tone="error">{t("unavailable")}</Notice>
      )}
      <p className="mt-6 text-center text-sm text-slate-600">
        <LeadLink
          lead={t("haveAccount")}
          href={next ? `/sign-in?callbackUrl=${encodeURIComponent(safeCallbackUrl(next))}` : "/sign-in"}
        >
          {t("signIn")}
        </LeadLink>
      </p>
    </>
  );
}
