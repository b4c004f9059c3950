import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { licenses, servers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError, notFound, validationError } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";
import { formatServerCode } from "@/lib/servers/server-id";
import { concludeTrialOnServer } from "@/lib/trials/conclude-trial";
import { isUuid, type RawInput } from "@/lib/validation";
import { refreshLicenseState } from "./refresh-license-state";

/** What every assignment form sends: the license and the revision the person saw. */
export const licenseRevisionSchema = z.object({
  licenseId: z.string().max(64),
  revision: z.coerce.number().int().min(1),
});

/**
 * Parses an assignment form. The person chooses only the server; a license id or revision that does
 * not parse came from no page of ours and is as unknown as another organisation's license.
 */
export function parseLicenseChange<S extends z.ZodType>(schema: S, raw: RawInput<S>): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  if (parsed.error.issues.some((i) => i.path[0] === "serverId" && i.message === "required")) {
    throw validationError([{ field: "serverId", message: "required" }]);
  }
  throw notFound("License not found");
}

export const changedMeanwhile = () =>
  new AppError("conflict", "The license was changed meanwhile", {
    fields: [{ field: "license", message: "changed-meanwhile" }],
  });

/**
 * Puts one of the organisation's licenses on `targetServerId`, or takes it off its server (null).
 * The update names the revision the caller saw, so of two edits made from the same page state only
 * the first lands; the other gets a conflict. Both the old and the new server get a new
 * licensesVersion, so each UCServer refetches.
 */
export async function relocateLicense(
  db: Db,
  actor: Actor,
  input: { licenseId: string; revision: number; targetServerId: string | null },
): Promise<{ revision: number }> {
  const org = requirePermission(actor, "licenses.manage");
  if (!isUuid(input.licenseId)) throw notFound("License not found");
  if (input.targetServerId !== null && !isUuid(input.targetServerId)) throw notFound("Server not found");
  return db.transaction(async (tx) => {
    const [license] = await tx
      .select()
      .from(licenses)
      .where(and(eq(licenses.id, input.licenseId), eq(licenses.organisationId, org.id)));
    if (!license) throw notFound("License not found");
    if (license.trial || license.revokedAt) {
      throw new AppError("forbidden", "Trial and revoked licenses stay where they are", {
        fields: [{ field: "license", message: "read-only" }],
      });
    }
    let target: { id: string; code: string } | null = null;
    if (input.targetServerId) {
      const [server] = await tx
        .select({ id: servers.id, code: servers.code })
        .from(servers)
        .where(
          and(
            eq(servers.id, input.targetServerId),
            eq(servers.organisationId, org.id),
            isNull(servers.deletedAt),
          ),
        );
      if (!server) throw notFound("Server not found");
      target = server;
    }
    const [updated] = await tx
      .update(licenses)
      .set({ serverId: target?.id ?? null, revision: sql`${licenses.revision} + 1` })
      .where(
        and(
          eq(licenses.id, license.id),
          eq(licenses.organisationId, org.id),
          eq(licenses.revision, input.revision),
        ),
      )
      .returning({ revision: licenses.revision });
    if (!updated) throw changedMeanwhile();
    // A bought license replaces the trial on the server it lands on.
    const concluded = target
      ? await concludeTrialOnServer(tx, {
          serverId: target.id,
          byUserId: actor.userId,
          at: new Date(),
          validFrom: license.validFrom,
          validUntil: license.validUntil,
        })
      : null;
    // Refreshed in a fixed order, so two moves between the same servers cannot deadlock.
    const touched = [...new Set([license.serverId, target?.id].filter((s): s is string => !!s))].sort();
    for (const serverId of touched) await refreshLicenseState(tx, serverId);
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: target ? (license.serverId ? "license.moved" : "license.assigned") : "license.unassigned",
      targetType: "license",
      targetId: license.id,
      details: {
        product: license.productKey,
        quantity: license.quantity,
        fromServerId: license.serverId,
        toServerId: target?.id ?? null,
        toServer: target ? formatServerCode(target.code) : null,
        trialConverted: concluded?.convertedTrialId ?? null,
      },
    });
    return { revision: updated.revision };
  });
}
