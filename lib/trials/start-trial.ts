import type { DbOrTx } from "@/db/client";
import { type Server, type Trial, trials } from "@/db/schema";
import { type AuditActor, recordAudit } from "@/lib/audit/record-audit";
import { env } from "@/lib/env";
import { insertServer } from "@/lib/servers/insert-server";
import { formatServerCode } from "@/lib/servers/server-id";
import { refreshTermsState } from "@/lib/terms/refresh-terms-state";
import { grantTrialLicenses } from "./grant-trial-licenses";

/** Who started a trial: a UCServer by itself, sales for a prospect, or the customer in the portal. */
export type TrialOrigin = Trial["origin"];

export type StartTrialInput = {
  origin: TrialOrigin;
  organisationId: string | null;
  /** A new server the trial starts on; none when a prospect will register or claim one later. */
  server: { name: string; ucserverVersion: string | null } | null;
  /** Instead of a new server: one of the organisation's servers that carries no trial yet. */
  onServer?: { id: string; code: string } | null;
  contactName?: string | null;
  contactEmail: string | null;
  locale: "de" | "en";
  startedByUserId: string | null;
  salesUserId?: string | null;
  ip: string | null;
};

export type StartedTrial = { trial: Trial; server: Server | null; password: string | null };

/**
 * Starts a trial of TRIAL_DAYS, the same for every trial, with every service (see
 * grant-trial-licenses.ts) on its server, if it has one yet. Callers apply their own limits and
 * authorization (the protocol limits per IP; sales staff start trials for prospects) and make sure
 * no second trial starts for the same organisation.
 */
export async function startTrial(
  db: DbOrTx,
  auditAs: AuditActor,
  input: StartTrialInput,
): Promise<StartedTrial> {
  const created = input.server
    ? await insertServer(db, {
        name: input.server.name,
        origin: input.origin,
        organisationId: input.organisationId,
        contactEmail: input.contactEmail,
        locale: input.locale,
        ucserverVersion: input.server.ucserverVersion,
      })
    : null;
  const carrier = created ? { id: created.server.id, code: created.server.code } : (input.onServer ?? null);
  const startsAt = new Date();
  const endsAt = new Date(startsAt.getTime() + env().TRIAL_DAYS * 86_400_000);
  const [trial] = await db
    .insert(trials)
    .values({
      serverId: carrier?.id ?? null,
      organisationId: input.organisationId,
      origin: input.origin,
      startedByUserId: input.startedByUserId,
      salesUserId: input.salesUserId ?? null,
      ip: input.ip,
      contactName: input.contactName ?? null,
      contactEmail: input.contactEmail,
      locale: input.locale,
      startsAt,
      endsAt,
    })
    .returning();
  if (carrier) {
    await grantTrialLicenses(db, { serverId: carrier.id, organisationId: input.organisationId, endsAt });
  }
  // A new server's consent state starts from what its organisation accepted in the portal.
  if (created) await refreshTermsState(db, { serverId: created.server.id });
  await recordAudit(db, auditAs, {
    organisationId: input.organisationId,
    action: "trial.started",
    targetType: "trial",
    targetId: trial!.id,
    details: {
      serverId: carrier ? formatServerCode(carrier.code) : null,
      origin: input.origin,
      endsAt: endsAt.toISOString(),
    },
  });
  return { trial: trial!, server: created?.server ?? null, password: created?.password ?? null };
}
