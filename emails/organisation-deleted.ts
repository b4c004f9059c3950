import type { Locale } from "@/db/schema";
import { type RenderedMail, simpleMail } from "./layout";

/**
 * No names of people: the mail stays in the outbox after the organisation's personal data was
 * erased, so it carries only what the recipient needs to recognise which organisation is gone.
 */
export type OrganisationDeletedProps = {
  /** The organisation's name before it was deleted. */
  organisationName: string;
  /** How many UCServers were disconnected with it. */
  servers: number;
  /** The portal, where the recipient can still sign in to their other organisations. */
  url: string;
};

export const organisationDeletedPreview: OrganisationDeletedProps = {
  organisationName: "Muster GmbH",
  servers: 2,
  url: "http://localhost:3000/overview",
};

export function renderOrganisationDeleted(p: OrganisationDeletedProps, locale: Locale): RenderedMail {
  const t =
    locale === "de"
      ? {
          subject: `Die Organisation „${p.organisationName}“ wurde gelöscht`,
          hello: "Guten Tag,",
          body: `ein Inhaber hat die Organisation „${p.organisationName}“ im UCConnect-Portal gelöscht. Sie sind dort nicht mehr Mitglied.`,
          servers:
            p.servers === 0
              ? "Die Organisation hatte keine UCServer."
              : p.servers === 1
                ? "Der UCServer der Organisation ist von UCConnect getrennt und kann sich nicht mehr verbinden; Push-Benachrichtigungen und die Audio/Video-Vermittlung sind für ihn beendet."
                : `Die ${p.servers} UCServer der Organisation sind von UCConnect getrennt und können sich nicht mehr verbinden; Push-Benachrichtigungen und die Audio/Video-Vermittlung sind für sie beendet.`,
          licenses: "Die Lizenzen der Organisation wurden widerrufen, ein laufender Testbetrieb ist beendet.",
          account:
            "Ihr Anmeldekonto bleibt bestehen. Wenn Sie weiteren Organisationen angehören, arbeiten Sie dort wie gewohnt weiter.",
          action: "Zum Portal",
        }
      : {
          subject: `The organisation “${p.organisationName}” was deleted`,
          hello: "Hello,",
          body: `an owner deleted the organisation “${p.organisationName}” in the UCConnect portal. You are no longer a member of it.`,
          servers:
            p.servers === 0
              ? "The organisation had no UCServers."
              : p.servers === 1
                ? "Its UCServer is disconnected from UCConnect and can no longer connect; push notifications and audio/video relaying have ended for it."
                : `Its ${p.servers} UCServers are disconnected from UCConnect and can no longer connect; push notifications and audio/video relaying have ended for them.`,
          licenses: "The organisation's licenses were revoked, and a running trial has ended.",
          account:
            "Your login account stays. If you belong to other organisations, you carry on working there as before.",
          action: "Open the portal",
        };
  return simpleMail({
    locale,
    subject: t.subject,
    paragraphs: [t.hello, t.body, `${t.servers} ${t.licenses}`, t.account],
    action: { label: t.action, url: p.url },
  });
}
