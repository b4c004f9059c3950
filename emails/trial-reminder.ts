import type { Locale } from "@/db/schema";
import { type RenderedMail, simpleMail } from "./layout";
import { claimMail } from "./trial-claim";

export type TrialReminderStage = "7-days" | "1-day" | "ended";

export type TrialReminderProps = {
  /** The prospect (owners or the contact) or the sales person following the trial. */
  audience: "customer" | "sales";
  stage: TrialReminderStage;
  /** The organisation, or the server's name while a self-started trial is unclaimed. */
  companyName: string;
  serverName: string | null;
  /** ISO 8601. */
  endsAt: string;
  /** Where the button leads: the licenses page, the trial's sales page, or sign-up for an unclaimed trial. */
  url: string;
  /**
   * Only while a self-started trial is unclaimed: the claim form, for a contact who has an account
   * (`url` then is sign-up, which leads on to it).
   */
  claimUrl?: string | null;
};

export const trialReminderPreview: TrialReminderProps = {
  audience: "customer",
  stage: "7-days",
  companyName: "Muster GmbH",
  serverName: "UCServer Zentrale",
  endsAt: "2026-12-07T10:00:00.000Z",
  url: "http://localhost:3000/licenses",
};

export function renderTrialReminder(props: TrialReminderProps, locale: Locale): RenderedMail {
  // An unclaimed trial is known by its server's name only; naming it twice reads oddly.
  const p = props.serverName === props.companyName ? { ...props, serverName: null } : props;
  const date = new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(new Date(p.endsAt));
  return p.audience === "sales" ? salesMail(p, locale, date) : customerMail(p, locale, date);
}

function customerMail(p: TrialReminderProps, locale: Locale, date: string): RenderedMail {
  const t =
    locale === "de"
      ? {
          subject: {
            "7-days": "Ihr Testbetrieb von UCConnect endet in 7 Tagen",
            "1-day": "Ihr Testbetrieb von UCConnect endet morgen",
            ended: "Ihr Testbetrieb von UCConnect ist beendet",
          }[p.stage],
          hello: "Guten Tag,",
          body: `der Testbetrieb von UCConnect für „${p.companyName}“${p.serverName ? ` mit dem UCServer „${p.serverName}“` : ""} ${p.stage === "ended" ? "ist am" : "endet am"} ${date}${p.stage === "ended" ? " abgelaufen" : ""}.`,
          effect:
            p.stage === "ended"
              ? "Push-Benachrichtigungen, TURN sowie die Berechtigungen für mobile Benutzer und Audio/Video sind jetzt abgeschaltet. Der UCServer meldet weiterhin seinen Status an das Portal."
              : "Danach werden Push-Benachrichtigungen, TURN sowie die Berechtigungen für mobile Benutzer und Audio/Video abgeschaltet. Der UCServer meldet weiterhin seinen Status an das Portal.",
          todo: "Um UCConnect weiter zu nutzen, wenden Sie sich an Ihren Ansprechpartner im Vertrieb oder tragen Sie Ihre Lizenzen im UCConnect-Portal ein.",
          action: "Lizenzen eintragen",
          claimTodo:
            "Um UCConnect weiter zu nutzen, übernehmen Sie den UCServer mit seiner Server-ID und seinem Passwort (im UCServer Admin hinterlegt) in ein Konto im UCConnect-Portal und tragen dort Ihre Lizenzen ein. Passwörter senden wir nie per E-Mail.",
          claimLead:
            "Sie haben bereits ein Konto im UCConnect-Portal? Dann übernehmen Sie den UCServer hier:",
          signUpLead:
            "Noch kein Konto? Legen Sie es in wenigen Schritten an; danach geht es direkt weiter zur Übernahme des UCServers.",
          signUpAction: "Konto anlegen und UCServer übernehmen",
        }
      : {
          subject: {
            "7-days": "Your UCConnect trial ends in 7 days",
            "1-day": "Your UCConnect trial ends tomorrow",
            ended: "Your UCConnect trial has ended",
          }[p.stage],
          hello: "Hello,",
          body: `the UCConnect trial for “${p.companyName}”${p.serverName ? ` with the UCServer “${p.serverName}”` : ""} ${p.stage === "ended" ? "ended on" : "ends on"} ${date}.`,
          effect:
            p.stage === "ended"
              ? "Push notifications, TURN and the entitlements for mobile users and audio/video are now switched off. The UCServer keeps reporting its status to the portal."
              : "After that, push notifications, TURN and the entitlements for mobile users and audio/video are switched off. The UCServer keeps reporting its status to the portal.",
          todo: "To keep using UCConnect, contact your sales contact or enter your licenses on the UCConnect portal.",
          action: "Enter licenses",
          claimTodo:
            "To keep using UCConnect, claim the UCServer into an account on the UCConnect portal with its Server ID and password (stored in the UCServer admin) and enter your licenses there. We never send passwords by e-mail.",
          claimLead: "Already have an account on the UCConnect portal? Claim the UCServer here:",
          signUpLead:
            "No account yet? Create one in a few steps; you then go straight on to claiming the UCServer.",
          signUpAction: "Create an account and claim the UCServer",
        };
  if (p.claimUrl) {
    return claimMail({
      locale,
      subject: t.subject,
      paragraphs: [t.hello, t.body, t.effect, t.claimTodo],
      claim: { lead: t.claimLead, url: p.claimUrl },
      signUp: { lead: t.signUpLead, label: t.signUpAction, url: p.url },
    });
  }
  return simpleMail({
    locale,
    subject: t.subject,
    paragraphs: [t.hello, t.body, t.effect, t.todo],
    action: { label: t.action, url: p.url },
  });
}

function salesMail(p: TrialReminderProps, locale: Locale, date: string): RenderedMail {
  const server = p.serverName ? ` (UCServer „${p.serverName}“)` : "";
  const serverEn = p.serverName ? ` (UCServer “${p.serverName}”)` : "";
  const t =
    locale === "de"
      ? {
          subject: {
            "7-days": `Testbetrieb „${p.companyName}“ endet in 7 Tagen`,
            "1-day": `Testbetrieb „${p.companyName}“ endet morgen`,
            ended: `Testbetrieb „${p.companyName}“ ist beendet`,
          }[p.stage],
          body: `Der Testbetrieb von „${p.companyName}“${server}, den Sie betreuen, ${p.stage === "ended" ? "ist am" : "endet am"} ${date}${p.stage === "ended" ? " abgelaufen" : ""}.`,
          todo:
            p.stage === "ended"
              ? "Die lizenzierten Dienste sind abgeschaltet. Verlängern oder überführen Sie den Testbetrieb, wenn der Interessent weitermachen möchte."
              : "Jetzt ist ein guter Zeitpunkt, nachzufassen.",
          action: "Testbetrieb öffnen",
        }
      : {
          subject: {
            "7-days": `Trial “${p.companyName}” ends in 7 days`,
            "1-day": `Trial “${p.companyName}” ends tomorrow`,
            ended: `Trial “${p.companyName}” has ended`,
          }[p.stage],
          body: `The trial of “${p.companyName}”${serverEn} that you follow ${p.stage === "ended" ? "ended on" : "ends on"} ${date}.`,
          todo:
            p.stage === "ended"
              ? "The licensed services are off. Extend or convert the trial if the prospect wants to go on."
              : "Now is a good time to follow up.",
          action: "Open the trial",
        };
  return simpleMail({
    locale,
    subject: t.subject,
    paragraphs: [t.body, t.todo],
    action: { label: t.action, url: p.url },
  });
}
