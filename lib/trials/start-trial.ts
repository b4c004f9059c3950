import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { licenses, products, type Server, trials } from "@/db/schema";
import { type AuditActor, recordAudit } from "@/lib/audit/record-audit";
import { env } from "@/lib/env";
import { refreshLicenseState } from "@/lib/licenses/refresh-license-state";
import { insertServer } from "@/lib/servers/insert-server";
import { formatServerCode } from "@/lib/servers/server-id";
import { refreshTermsState } from "@/lib/terms/refresh-terms-state";

export type StartTrialInput = {
  serverName: string;
  origin: "ucserver-trial" | "sales-trial";
  organisationId: string | null;
  contactEmail: string | null;
  locale: "de" | "en";
  ucserverVersion: string | null;
  startedByUserId: string | null;
  ip: string | null;
};

/**
 * Creates a server on trial: every active product in its trial quantity for TRIAL_DAYS, the same
 * for every trial, as ordinary license rows marked trial. Callers apply their own limits and
 * authorization (the protocol limits per IP; sales staff start trials for prospects).
 */
export async function startTrial(
  db: DbOrTx,
  auditAs: AuditActor,
  input: StartTrialInput,
): Promise<{ server: Server; password: string; endsAt: Date }> {
  const { server, password } = await insertServer(db, {
    name: input.serverName,
    origin: input.origin,
    organisationId: input.organisationId,
    contactEmail: input.contactEmail,
    locale: input.locale,
    ucserverVersion: input.ucserverVersion,
  });
  const startsAt = new Date();
  const endsAt = new Date(startsAt.getTime() + env().TRIAL_DAYS * 86_400_000);
  await db.insert(trials).values({
    serverId: server.id,
    startedByUserId: input.startedByUserId,
    ip: input.ip,
    contactEmail: input.contactEmail,
    startsAt,
    endsAt,
  });
  const catalogue = await db.select().from(products).where(eq(products.active, true));
  const granted = catalogue.filter((p) => p.trialQuantity > 0);
  if (granted.length > 0) {
    await db.insert(licenses).values(
      granted.map((p) => ({
        serverId: server.id,
        organisationId: input.organisationId,
        productKey: p.key,
        quantity: p.trialQuantity,
        validFrom: startsAt,
        validUntil: endsAt,
        trial: true,
      })),
    );
  }
  await refreshLicenseState(db, server.id);
  await refreshTermsState(db, { serverId: server.id });
  await recordAudit(db, auditAs, {
    organisationId: input.organisationId,
    action: "trial.started",
    targetType: "server",
    targetId: server.id,
    details: { serverId: formatServerCode(server.code), origin: input.origin, endsAt: endsAt.toISOString() },
  });
  return { server, password, endsAt };
}
