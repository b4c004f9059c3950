import { z } from "zod";
import type { Db } from "@/db/client";
import { organisations } from "@/db/schema";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { formatServerCode } from "@/lib/servers/server-id";
import { email, locale, type RawInput, text } from "@/lib/validation";
import { inviteTrialOwner } from "./invite-trial-owner";
import { lockContactTrial } from "./lock-contact-trial";
import { startTrial } from "./start-trial";

export const startTrialForProspectSchema = z
  .object({
    company: text(200),
    contactName: text(120),
    contactEmail: email,
    locale,
    // "on" from a checkbox: sales hand the Server-ID and password over themselves.
    preRegister: z
      .union([z.boolean(), z.string().max(10)])
      .optional()
      .transform((v) => v === true || v === "on" || v === "true"),
    serverName: z.string().trim().max(200).optional(),
  })
  .transform((v) => ({ ...v, serverName: v.preRegister ? v.serverName || `UCServer ${v.company}` : null }))
  .pipe(
    z.object({
      company: z.string(),
      contactName: z.string(),
      contactEmail: z.string(),
      locale,
      preRegister: z.boolean(),
      serverName: text(200).nullable(),
    }),
  );
export type StartTrialForProspectInput = z.input<typeof startTrialForProspectSchema>;

export type StartedProspectTrial = {
  trialId: string;
  organisationId: string;
  /** The company and contact address as saved (trimmed, the address lower-cased). */
  company: string;
  contactEmail: string;
  endsAt: Date;
  /** Shown to the sales person once; the prospect enters them in the UCServer. */
  server: { id: string; serverId: string; password: string } | null;
};

/**
 * Sales start a trial for a prospect: the customer organisation is created, the contact is invited
 * as its owner (an account invitation; no password ever goes by e-mail), and either a server is
 * pre-registered on trial or the prospect's UCServer starts one and the owner claims it. The sales
 * person who starts it follows it. A contact who already has a trial gets no second one.
 */
export async function startTrialForProspect(
  db: Db,
  actor: Actor,
  raw: RawInput<typeof startTrialForProspectSchema>,
): Promise<StartedProspectTrial> {
  const { input } = authorize(actor, "trials.manage", startTrialForProspectSchema, raw);
  return db.transaction(async (tx) => {
    const existing = await lockContactTrial(tx, input.contactEmail);
    if (existing) {
      throw new AppError("conflict", "This contact already has a trial", {
        fields: [{ field: "contactEmail", message: "trial-exists" }],
      });
    }
    const [org] = await tx.insert(organisations).values({ name: input.company }).returning();
    const started = await startTrial(tx, auditActor(actor), {
      origin: "sales-trial",
      organisationId: org!.id,
      server: input.serverName ? { name: input.serverName, ucserverVersion: null } : null,
      contactName: input.contactName,
      contactEmail: input.contactEmail,
      locale: input.locale,
      startedByUserId: actor.userId,
      salesUserId: actor.userId,
      ip: actor.ip,
    });
    await inviteTrialOwner(tx, {
      organisationId: org!.id,
      organisationName: org!.name,
      contactName: input.contactName,
      contactEmail: input.contactEmail,
      locale: input.locale,
      endsAt: started.trial.endsAt,
      serverPreRegistered: !!started.server,
      invitedBy: { userId: actor.userId, name: actor.name },
    });
    return {
      trialId: started.trial.id,
      organisationId: org!.id,
      company: org!.name,
      contactEmail: input.contactEmail,
      endsAt: started.trial.endsAt,
      server: started.server && {
        id: started.server.id,
        serverId: formatServerCode(started.server.code),
        password: started.password!,
      },
    };
  });
}
