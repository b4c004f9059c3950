import type { Locale } from "@/db/schema";
import { type RenderedMail, simpleMail } from "./layout";

export type TrialInvitationProps = {
  organisationName: string;
  contactName: string;
  /** The sales person's name. */
  invitedBy: string;
  trialDays: number;
  /** ISO 8601; null while no server is on trial yet. */
  endsAt: string | null;
  /** Sales registered the server already and hands its Server-ID and password over in person. */
  serverPreRegistered: boolean;
  /** The accept link. */
  url: string;
  expiresInDays: number;
};

export const trialInvitationPreview: TrialInvitationProps = {
  organisationName: "Muster GmbH",
  contactName: "Max Mustermann",
  invitedBy: "Erika Vertrieb",
  trialDays: 30,
  endsAt: "2026-12-07T10:00:00.000Z",
  serverPreRegistered: false,
  url: "http://localhost:3000/accept-invitation?token=preview",
  expiresInDays: 14,
};

export function renderTrialInvitation(p: TrialInvitationProps, locale: Locale): RenderedMail {
  const date = p.endsAt
    ? new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
        dateStyle: "long",
        timeZone: "UTC",
      }).format(new Date(p.endsAt))
    : null;
  const t =
    locale === "de"
      ? {
          subject: `Einladung: Ihr Testbetrieb von UCConnect für ${p.organisationName}`,
          hello: `Guten Tag ${p.contactName},`,
          body: `${p.invitedBy} von UCConnect hat für „${p.organisationName}“ einen Testbetrieb über ${p.trialDays} Tage eingerichtet${date ? `, er läuft bis ${date}` : ""}. Wenn Sie die Einladung annehmen, werden Sie Inhaber des Kontos Ihrer Organisation im UCConnect-Portal. Dort verwalten Sie UCServer, Lizenzen und Einladungen.`,
          server: p.serverPreRegistered
            ? "Ihr UCServer ist im Portal bereits registriert. Server-ID und Passwort für Ihren UCServer erhalten Sie von Ihrem Ansprechpartner im Vertrieb, nie per E-Mail. Tragen Sie beides im UCServer Admin unter „Allgemein – Online Dienste“ ein."
            : "Starten Sie den Testbetrieb im UCServer Admin unter „Allgemein – Online Dienste“ mit „Testbetrieb starten“, oder registrieren Sie Ihren UCServer nach der Anmeldung im Portal und verbinden Sie ihn mit der Server-ID und dem Passwort, die Ihnen das Portal anzeigt.",
          note: `Die Einladung ist ${p.expiresInDays} Tage gültig. Ihr Passwort für das Portal legen Sie selbst fest; wir senden nie Passwörter per E-Mail.`,
          action: "Einladung annehmen",
        }
      : {
          subject: `Invitation: your UCConnect trial for ${p.organisationName}`,
          hello: `Hello ${p.contactName},`,
          body: `${p.invitedBy} of UCConnect has set up a ${p.trialDays}-day trial for “${p.organisationName}”${date ? `, running until ${date}` : ""}. When you accept this invitation, you become the owner of your organisation's account on the UCConnect portal. There you manage UCServers, licenses and invitations.`,
          server: p.serverPreRegistered
            ? "Your UCServer has already been registered on the portal. You receive the Server ID and password for your UCServer from your sales contact, never by e-mail. Enter both in the UCServer admin under “Allgemein – Online Dienste” (online services)."
            : "Start the trial in the UCServer admin under “Allgemein – Online Dienste” (online services) with “Testbetrieb starten” (start a trial), or register your UCServer in the portal after signing in and connect it with the Server ID and password the portal shows you.",
          note: `The invitation is valid for ${p.expiresInDays} days. You choose your own password for the portal; we never send passwords by e-mail.`,
          action: "Accept invitation",
        };
  return simpleMail({
    locale,
    subject: t.subject,
    paragraphs: [t.hello, t.body, t.server, t.note],
    action: { label: t.action, url: p.url },
  });
}
