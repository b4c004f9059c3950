import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { sqlRows } from "@/db/sql";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { refreshLicenseState } from "@/lib/licenses/refresh-license-state";
import { requirePermission } from "@/lib/permissions";
import { parseInput, type RawInput, text } from "@/lib/validation";
import { lockTrial } from "./find-trial";
import { grantTrialLicenses } from "./grant-trial-licenses";

export const extendTrialSchema = z.object({ trialId: z.string().max(64), reason: text(500, { min: 5 }) });
export type ExtendTrialInput = RawInput<typeof extendTrialSchema>;

/**
 * Sales extend a trial once, by TRIAL_EXTENSION_DAYS, with a reason that is audited. The days count
 * from the trial's end, or from now if it has already ended; its server's trial licenses (and those
 * of servers merged into it) run until the new end, so the UCServer sees a new licensesVersion.
 */
export async function extendTrial(
  db: Db,
  actor: Actor,
  raw: ExtendTrialInput,
): Promise<{ endsAt: Date; days: number }> {
  requirePermission(actor, "trials.manage");
  const { trialId, reason } = parseInput(extendTrialSchema, raw);
  const days = env().TRIAL_EXTENSION_DAYS;
  return db.transaction(async (tx) => {
    const trial = await lockTrial(tx, trialId);
    if (trial.converted_at) {
      throw new AppError("conflict", "This trial was converted", {
        fields: [{ field: "reason", message: "converted" }],
      });
    }
    if (trial.extended_at) {
      throw new AppError("conflict", "A trial is extended once only", {
        fields: [{ field: "reason", message: "already-extended" }],
      });
    }
    const [updated] = await sqlRows<{ ends_at: Date | string }>(
      tx,
      sql`update trials set ends_at = greatest(ends_at, now()) + make_interval(days => ${days}),
                            extended_at = now(), extended_by_user_id = ${actor.userId}::uuid,
                            extension_days = ${days}, extension_reason = ${reason}
           where id = ${trial.id}::uuid returning ends_at`,
    );
    const endsAt = new Date(updated!.ends_at);
    // The trial's licenses, including ones that already ran out: extending an ended trial restores them.
    const servers = await sqlRows<{ server_id: string }>(
      tx,
      sql`update licenses l set valid_until = ${endsAt.toISOString()}::timestamptz, revision = l.revision + 1
           where l.trial and l.revoked_at is null
             and l.server_id in (select server_id from trials
                                  where server_id is not null
                                    and (id = ${trial.id}::uuid or merged_into_id = ${trial.id}::uuid))
          returning l.server_id`,
    );
    for (const serverId of [...new Set(servers.map((s) => s.server_id))].sort()) {
      await refreshLicenseState(tx, serverId);
    }
    // A server that came to carry the trial after it had ended was given no licenses: it gets them now.
    if (trial.server_id && !servers.some((s) => s.server_id === trial.server_id)) {
      const [carrier] = await sqlRows<{ organisation_id: string | null }>(
        tx,
        sql`select organisation_id from servers where id = ${trial.server_id}::uuid and deleted_at is null`,
      );
      if (carrier) {
        await grantTrialLicenses(tx, {
          serverId: trial.server_id,
          organisationId: carrier.organisation_id,
          endsAt,
        });
      }
    }
    await recordAudit(tx, auditActor(actor), {
      // Sales-internal (the reason is a note between colleagues): not in the customer's audit log.
      organisationId: null,
      action: "trial.extended",
      targetType: "trial",
      targetId: trial.id,
      details: {
        days,
        reason,
        from: new Date(trial.ends_at).toISOString(),
        to: endsAt.toISOString(),
      },
    });
    return { endsAt, days };
  });
}
