import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { sqlRows } from "@/db/sql";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import type { RawInput } from "@/lib/validation";
import { lockTrial } from "./find-trial";

export const assignTrialSchema = z.object({
  trialId: z.string().max(64),
  // A sales person's id; "me" takes the trial.
  salesUserId: z.union([z.literal("me"), z.uuid({ error: "required" })]),
});
export type AssignTrialInput = RawInput<typeof assignTrialSchema>;

/**
 * A sales person takes a trial (self-started trials are unassigned until someone does) or hands it
 * to a colleague. Only people with the sales role can follow a trial.
 */
export async function assignTrial(db: Db, actor: Actor, raw: AssignTrialInput): Promise<void> {
  const { input } = authorize(actor, "trials.manage", assignTrialSchema, raw);
  const salesUserId = input.salesUserId === "me" ? actor.userId : input.salesUserId;
  await db.transaction(async (tx) => {
    const trial = await lockTrial(tx, input.trialId);
    const [person] = await sqlRows<{ id: string; name: string }>(
      tx,
      sql`select id, name from users where id = ${salesUserId}::uuid
             and 'sales' = any(staff_roles) and disabled_at is null`,
    );
    if (!person) {
      throw new AppError("validation", "Not a sales person", {
        fields: [{ field: "salesUserId", message: "not-sales" }],
      });
    }
    if (trial.sales_user_id === person.id) return;
    await tx.execute(sql`update trials set sales_user_id = ${person.id}::uuid where id = ${trial.id}::uuid`);
    await recordAudit(tx, auditActor(actor), {
      // Who follows a trial is the vendor's business: not in the customer's audit log.
      organisationId: null,
      action: "trial.assigned",
      targetType: "trial",
      targetId: trial.id,
      details: { from: trial.sales_user_id, to: person.id, toName: person.name },
    });
  });
}
