import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Notice } from "@/components/ui";
import { describeInvitation } from "@/lib/orgs/accept-member-invitation";
import { db } from "@/lib/server/portal";
import { getActor } from "@/lib/web/context";
import { acceptAsUserAction, createAccountAction } from "./actions";
import { AcceptAsUserForm, NewAccountForm } from "./forms";

export const dynamic = "force-dynamic";

export default async function AcceptInvitationPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = "" } = await searchParams;
  const t = await getTranslations();
  const inv = await describeInvitation(db, token);
  if (!inv) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">{t("invite.accept")}</h1>
        <Notice tone="error">{t("invite.invalid")}</Notice>
        <Link href="/sign-in" className="text-sm font-medium text-brand-700 hover:underline">
          {t("auth.backToSignIn")}
        </Link>
      </div>
    );
  }
  const actor = await getActor();
  const self = `/accept-invitation?token=${encodeURIComponent(token)}`;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">
        {t("invite.title", { organisation: inv.organisationName })}
      </h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        {t("invite.lead", { role: t(`roles.${inv.role}`), email: inv.email })}
      </p>
      {actor ? (
        actor.email === inv.email ? (
          <AcceptAsUserForm token={token} action={acceptAsUserAction} />
        ) : (
          <Notice tone="warning">{t("invite.wrongAccount", { email: actor.email })}</Notice>
        )
      ) : inv.hasAccount ? (
        <div className="space-y-4">
          <Notice>{t("invite.signInToAccept")}</Notice>
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent(self)}`}
            className="inline-block text-sm font-semibold text-brand-700 hover:underline"
          >
            {t("auth.signIn")} →
          </Link>
        </div>
      ) : (
        <NewAccountForm token={token} action={createAccountAction} />
      )}
    </>
  );
}
