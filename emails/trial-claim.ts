import type { Locale } from "@/db/schema";
import { escapeHtml, layout, type RenderedMail } from "./layout";

/**
 * To the contact address a UCServer gave when it started a trial by itself. That address and the
 * server's name came with a request nobody signed in for, so the mail carries only the portal's own
 * words, the Server-ID and the trial's end: never the password, never anything the UCServer sent.
 */
export type TrialClaimProps = {
  /** XXXX-XXXX-XXXX. */
  serverId: string;
  /** ISO 8601. */
  endsAt: string;
  /** Sign-up, leading on to the claim form. */
  signUpUrl: string;
  /** The claim form, for people who have an account. */
  claimUrl: string;
};

export const trialClaimPreview: TrialClaimProps = {
  serverId: "7K3M-Q9TX-2HBD",
  endsAt: "2026-12-07T10:00:00.000Z",
  signUpUrl: "http://localhost:3000/sign-up?next=%2Fservers%2Fclaim%3FserverId%3D7K3M-Q9TX-2HBD",
  claimUrl: "http://localhost:3000/servers/claim?serverId=7K3M-Q9TX-2HBD",
};

/**
 * Paragraphs, then the claim form's link for people with an account, then the sign-up button: the
 * claim mail, and the reminders to a trial nobody has claimed yet (emails/trial-reminder.ts).
 */
export function claimMail(m: {
  locale: Locale;
  subject: string;
  paragraphs: string[];
  claim: { lead: string; url: string };
  signUp: { lead: string; label: string; url: string };
}): RenderedMail {
  const p = (html: string) => `<p style="margin:0 0 16px">${html}</p>`;
  const bodyHtml = [
    ...m.paragraphs.map((s) => p(escapeHtml(s))),
    p(
      `${escapeHtml(m.claim.lead)}<br><a href="${escapeHtml(m.claim.url)}" style="color:#1d4ed8;word-break:break-all">${escapeHtml(m.claim.url)}</a>`,
    ),
    p(escapeHtml(m.signUp.lead)),
  ].join("");
  return layout({
    locale: m.locale,
    subject: m.subject,
    preheader: m.paragraphs[1] ?? m.subject,
    bodyHtml,
    bodyText: [...m.paragraphs, `${m.claim.lead}\n${m.claim.url}`, m.signUp.lead].join("\n\n"),
    action: { label: m.signUp.label, url: m.signUp.url },
  });
}

export function renderTrialClaim(p: TrialClaimProps, locale: Locale): RenderedMail {
  const date = new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    dateStyle: "long",
    timeZone: "UTC",
  }).format(new Date(p.endsAt));
  const t =
    locale === "de"
      ? {
          subject: `Ihr UCServer hat einen Testbetrieb von UCConnect gestartet (Server-ID ${p.serverId})`,
          hello: "Guten Tag,",
          body: `ein UCServer hat im UCServer Admin unter „Allgemein – Online Dienste“ einen Testbetrieb von UCConnect gestartet und diese E-Mail-Adresse als Kontakt angegeben. Seine Server-ID lautet ${p.serverId}, der Testbetrieb läuft bis ${date}.`,
          why: "Damit Sie den Testbetrieb im Blick behalten und später Lizenzen eintragen können, übernehmen Sie den UCServer in ein Konto im UCConnect-Portal. Dazu benötigen Sie seine Server-ID und sein Passwort, die im UCServer Admin hinterlegt sind. Passwörter senden wir nie per E-Mail.",
          claim: "Sie haben bereits ein Konto im UCConnect-Portal? Dann übernehmen Sie den UCServer hier:",
          signUp:
            "Noch kein Konto? Legen Sie es in wenigen Schritten an; danach geht es direkt weiter zur Übernahme des UCServers.",
          action: "Konto anlegen und UCServer übernehmen",
          ignore: "Wenn Sie keinen UCServer eingerichtet haben, können Sie diese E-Mail ignorieren.",
        }
      : {
          subject: `Your UCServer started a UCConnect trial (Server ID ${p.serverId})`,
          hello: "Hello,",
          body: `a UCServer has started a UCConnect trial in the UCServer admin under “Allgemein – Online Dienste” (online services) and named this e-mail address as its contact. Its Server ID is ${p.serverId}; the trial runs until ${date}.`,
          why: "To keep an eye on the trial and enter licenses later, claim the UCServer into an account on the UCConnect portal. You need its Server ID and its password, which are stored in the UCServer admin. We never send passwords by e-mail.",
          claim: "Already have an account on the UCConnect portal? Claim the UCServer here:",
          signUp:
            "No account yet? Create one in a few steps; you then go straight on to claiming the UCServer.",
          action: "Create an account and claim the UCServer",
          ignore: "If you have not set up a UCServer, you can ignore this e-mail.",
        };
  return claimMail({
    locale,
    subject: t.subject,
    paragraphs: [t.hello, t.body, t.why, t.ignore],
    claim: { lead: t.claim, url: p.claimUrl },
    signUp: { lead: t.signUp, label: t.action, url: p.signUpUrl },
  });
}
