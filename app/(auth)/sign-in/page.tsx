import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LeadLink } from "@/components/ui";
import { homePath } from "@/lib/auth/home-path";
import { getActor } from "@/lib/web/context";
import { safeCallbackUrl } from "@/lib/web/safe-redirect";
import { requestSignInLinkAction } from "../actions";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

type Search = { callbackUrl?: string; error?: string; notice?: string };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const params = await searchParams;
  const t = await getTranslations("auth");
  const tSignUp = await getTranslations("signUp");
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const actor = await getActor();
  if (actor) redirect(callbackUrl === "/" ? homePath(actor) : callbackUrl);
  const notices: Record<string, string> = { reset: t("resetDone"), "signed-out": t("signedOut") };
  // next-auth passes its own codes here; only ours are shown, others fall back to a generic message.
  const error = params.error
    ? params.error === "CredentialsSignin"
      ? "unauthenticated"
      : "unexpected"
    : undefined;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("signInTitle")}</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">{t("signInLead")}</p>
      <SignInForm
        callbackUrl={callbackUrl}
        initialError={error}
        notice={params.notice ? notices[params.notice] : undefined}
        requestLink={requestSignInLinkAction}
      />
      <p className="mt-6 text-center text-sm text-slate-600">
        <LeadLink lead={tSignUp("noAccount")} href="/sign-up">
          {tSignUp("register")}
        </LeadLink>
      </p>
    </>
  );
}
