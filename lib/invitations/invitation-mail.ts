import type { Locale } from "@/db/schema";
import { renderAppInvitation } from "@/emails/app-invitation";
import type { PreparedMail } from "@/lib/mail/enqueue-mail";
import { formatServerCode } from "@/lib/servers/server-id";
import type { AppLinks } from "./app-links";

export type InvitationMailInput = {
  organisationId: string;
  organisationName: string;
  serverCode: string;
  sender: { name: string; email: string };
  links: AppLinks;
  recipient: { name: string | null; email: string; loginName: string | null; locale: Locale };
  message: string | null;
};

/** One app invitation, rendered and addressed, ready for the outbox. */
export function prepareInvitationMail(i: InvitationMailInput): PreparedMail {
  return {
    template: "app-invitation",
    to: i.recipient.email,
    toName: i.recipient.name,
    locale: i.recipient.locale,
    organisationId: i.organisationId,
    rendered: renderAppInvitation(
      {
        recipientName: i.recipient.name,
        loginName: i.recipient.loginName,
        serverId: formatServerCode(i.serverCode),
        organisationName: i.organisationName,
        senderName: i.sender.name,
        senderEmail: i.sender.email,
        message: i.message,
        iosUrl: i.links.ios,
        androidUrl: i.links.android,
      },
      i.recipient.locale,
    ),
  };
}
