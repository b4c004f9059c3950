import type { Locale, OrgRole } from "@/db/schema";
import { type RenderedMail, simpleMail } from "./layout";

export type MemberInvitationProps = {
  organisationName: string;
  invitedBy: string;
  role: OrgRole;
  url: string;
  expiresInDays: number;
};

export const memberInvitationPreview: MemberInvitationProps = {
  organisationName: "Muster GmbH",
  invitedBy: "Erika Mustermann",
  role: "admin",
  url: "http://localhost:3000/accept-invitation?token=preview",
  expiresInDays: 7,
};

const roles: Record<Locale, Record<OrgRole, string>> = {
  de: { owner: "Inhaber", admin: "Administrator", member: "Mitglied" },
  en: { owner: "owner", admin: "admin", member: "member" },
};

export function renderMemberInvitation(p: MemberInvitationProps, locale: Locale): RenderedMail {
  const role = roles[locale][p.role];
  const t =
    locale === "de"
      ? {
          subject: `Einladung zu ${p.organisationName} im UCConnect-Portal`,
          hello: "Guten Tag,",
          body: `${p.invitedBy} lädt Sie ein, der Organisation „${p.organisationName}“ im UCConnect-Portal als ${role} beizutreten. Dort verwalten Sie UCServer, Lizenzen und Einladungen.`,
          note: `Die Einladung ist ${p.expiresInDays} Tage gültig. Ein Passwort legen Sie selbst fest; wir senden nie Passwörter per E-Mail.`,
          action: "Einladung annehmen",
        }
      : {
          subject: `Invitation to ${p.organisationName} on the UCConnect portal`,
          hello: "Hello,",
          body: `${p.invitedBy} invites you to join the organisation “${p.organisationName}” on the UCConnect portal as ${role}. There you manage UCServers, licenses and invitations.`,
          note: `The invitation is valid for ${p.expiresInDays} days. You choose your own password; we never send passwords by e-mail.`,
          action: "Accept the invitation",
        };
  return simpleMail({
    locale,
    subject: t.subject,
    paragraphs: [t.hello, t.body, t.note],
    action: { label: t.action, url: p.url },
  });
}
