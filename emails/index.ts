import type { Locale } from "@/db/schema";
import { type AccountExistsProps, accountExistsPreview, renderAccountExists } from "./account-exists";
import { type AppInvitationProps, appInvitationPreview, renderAppInvitation } from "./app-invitation";
import {
  type ConnectivityAlertProps,
  connectivityAlertPreview,
  renderConnectivityAlert,
} from "./connectivity-alert";
import { type ExpiryReminderProps, expiryReminderPreview, renderExpiryReminder } from "./expiry-reminder";
import type { RenderedMail } from "./layout";
import {
  type MemberInvitationProps,
  memberInvitationPreview,
  renderMemberInvitation,
} from "./member-invitation";
import {
  type OrganisationDeletedProps,
  organisationDeletedPreview,
  renderOrganisationDeleted,
} from "./organisation-deleted";
import { type PasswordResetProps, passwordResetPreview, renderPasswordReset } from "./password-reset";
import { renderServerStatus, type ServerStatusProps, serverStatusPreview } from "./server-status";
import { renderSignInLink, type SignInLinkProps, signInLinkPreview } from "./sign-in-link";
import { renderTermsPublished, type TermsPublishedProps, termsPublishedPreview } from "./terms-published";
import { renderTrialClaim, type TrialClaimProps, trialClaimPreview } from "./trial-claim";
import { renderTrialInvitation, type TrialInvitationProps, trialInvitationPreview } from "./trial-invitation";
import { renderTrialReminder, type TrialReminderProps, trialReminderPreview } from "./trial-reminder";
import { renderVerifyEmail, type VerifyEmailProps, verifyEmailPreview } from "./verify-email";

/**
 * Every template by name, with its props type and preview props. `secret`: the mail carries a
 * one-time link that signs its holder in or lets them take an account; nobody but the recipient may
 * read it, so operators see it masked and its body is erased once it is sent (lib/mail/).
 */
export const templates = {
  "sign-in-link": { render: renderSignInLink, preview: signInLinkPreview, secret: true },
  "password-reset": { render: renderPasswordReset, preview: passwordResetPreview, secret: true },
  "verify-email": { render: renderVerifyEmail, preview: verifyEmailPreview, secret: true },
  "account-exists": { render: renderAccountExists, preview: accountExistsPreview },
  "member-invitation": { render: renderMemberInvitation, preview: memberInvitationPreview, secret: true },
  "server-status": { render: renderServerStatus, preview: serverStatusPreview },
  "connectivity-alert": { render: renderConnectivityAlert, preview: connectivityAlertPreview },
  "expiry-reminder": { render: renderExpiryReminder, preview: expiryReminderPreview },
  "terms-published": { render: renderTermsPublished, preview: termsPublishedPreview },
  "app-invitation": { render: renderAppInvitation, preview: appInvitationPreview },
  "trial-invitation": { render: renderTrialInvitation, preview: trialInvitationPreview, secret: true },
  "trial-claim": { render: renderTrialClaim, preview: trialClaimPreview },
  "trial-reminder": { render: renderTrialReminder, preview: trialReminderPreview },
  "organisation-deleted": { render: renderOrganisationDeleted, preview: organisationDeletedPreview },
} as const;

export type TemplateProps = {
  "sign-in-link": SignInLinkProps;
  "password-reset": PasswordResetProps;
  "verify-email": VerifyEmailProps;
  "account-exists": AccountExistsProps;
  "member-invitation": MemberInvitationProps;
  "server-status": ServerStatusProps;
  "connectivity-alert": ConnectivityAlertProps;
  "expiry-reminder": ExpiryReminderProps;
  "terms-published": TermsPublishedProps;
  "app-invitation": AppInvitationProps;
  "trial-invitation": TrialInvitationProps;
  "trial-claim": TrialClaimProps;
  "trial-reminder": TrialReminderProps;
  "organisation-deleted": OrganisationDeletedProps;
};
export type TemplateName = keyof TemplateProps;

/** The templates whose mails carry a one-time link (see `templates`). */
export const SECRET_TEMPLATES: readonly TemplateName[] = (Object.keys(templates) as TemplateName[]).filter(
  (name) => "secret" in templates[name],
);

export function renderTemplate<T extends TemplateName>(
  name: T,
  props: TemplateProps[T],
  locale: Locale,
): RenderedMail {
  const render = templates[name].render as (p: TemplateProps[T], l: Locale) => RenderedMail;
  return render(props, locale);
}
