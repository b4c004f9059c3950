import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { licenses, products } from "@/db/schema";
import { sqlRows } from "@/db/sql";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { refreshLicenseState } from "@/lib/licenses/refresh-license-state";
import { authorize } from "@/lib/permissions";
import type { RawInput } from "@/lib/validation";
import { concludeTrialOnServer } from "./conclude-trial";
import { lockTrial } from "./find-trial";

const quantity = z.coerce
  .number({ error: "invalid-number" })
  .int({ error: "invalid-number" })
  .min(0)
  .max(100_000);

/**
 * The convert form: `quantity.<product>` per product (0 or empty = none) and an optional end date.
 * Parsed into lines, with each error reported on its own field.
 */
export const convertTrialSchema = z
  .object({
    trialId: z.string().max(64),
    validUntil: z
      .string()
      .trim()
      .max(40)
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const d = new Date(v.length === 10 ? `${v}T23:59:59.999Z` : v);
        if (Number.isNaN(d.getTime())) {
          ctx.addIssue({ code: "custom", message: "invalid-date" });
          return z.NEVER;
        }
        if (d <= new Date()) {
          ctx.addIssue({ code: "custom", message: "in-the-past" });
          return z.NEVER;
        }
        return d;
      }),
  })
  .catchall(z.unknown())
  .transform((v, ctx) => {
    const lines: { product: string; quantity: number }[] = [];
    for (const [key, raw] of Object.entries(v)) {
      if (!key.startsWith("quantity.") || raw === "" || raw === undefined) continue;
      const parsed = quantity.safeParse(raw);
      if (!parsed.success) {
        ctx.addIssue({ code: "custom", path: [key], message: "invalid-number" });
        continue;
      }
      if (parsed.data > 0) lines.push({ product: key.slice("quantity.".length), quantity: parsed.data });
    }
    if (lines.length === 0) ctx.addIssue({ code: "custom", path: ["lines"], message: "nothing-selected" });
    return { trialId: v.trialId, validUntil: v.validUntil, lines };
  });
export type ConvertTrialInput = z.input<typeof convertTrialSchema>;

/**
 * Sales convert a trial to paid by issuing licenses. On the trial's server the bought licenses
 * start at the very instant its trial licenses end, in one transaction, so entitlements never have
 * a gap and the UCServer sees one new licensesVersion. A trial without a server yet gets the
 * licenses for its organisation, to be assigned when the server is registered.
 */
export async function convertTrial(
  db: Db,
  actor: Actor,
  raw: RawInput<typeof convertTrialSchema>,
): Promise<{ licenseIds: string[] }> {
  const { input } = authorize(actor, "trials.manage", convertTrialSchema, raw);
  return db.transaction(async (tx) => {
    const trial = await lockTrial(tx, input.trialId);
    if (trial.converted_at) throw new AppError("conflict", "This trial was converted already");
    const catalogue = await tx.select().from(products).where(eq(products.active, true));
    for (const line of input.lines) {
      if (!catalogue.some((p) => p.key === line.product)) {
        throw new AppError("validation", "Unknown product", {
          fields: [{ field: `quantity.${line.product}`, message: "unknown" }],
        });
      }
    }
    const [carrier] = trial.server_id
      ? await sqlRows<{ id: string; organisation_id: string | null }>(
          tx,
          sql`select id, organisation_id from servers where id = ${trial.server_id}::uuid and deleted_at is null for update`,
        )
      : [];
    // The licenses go on the trial's server only while it belongs to the trial's organisation
    // (an unclaimed self-started trial has none yet): otherwise they wait in the organisation's pool.
    const server =
      carrier && (!trial.organisation_id || carrier.organisation_id === trial.organisation_id)
        ? carrier
        : undefined;
    const organisationId = trial.organisation_id ?? server?.organisation_id ?? null;
    if (!server && !organisationId)
      throw new AppError("conflict", "This trial has neither a server nor an account");
    const at = new Date();
    if (server) await concludeTrialOnServer(tx, { serverId: server.id, byUserId: actor.userId, at });
    await tx.execute(sql`update trials set converted_at = ${at.toISOString()}::timestamptz,
                                           converted_by_user_id = ${actor.userId}::uuid
                          where id = ${trial.id}::uuid and converted_at is null`);
    const inserted = await tx
      .insert(licenses)
      .values(
        input.lines.map((l) => ({
          serverId: server?.id ?? null,
          organisationId,
          productKey: l.product,
          quantity: l.quantity,
          validFrom: at,
          validUntil: input.validUntil,
        })),
      )
      .returning({ id: licenses.id });
    if (server) await refreshLicenseState(tx, server.id);
    await recordAudit(tx, auditActor(actor), {
      organisationId,
      action: "trial.converted",
      targetType: "trial",
      targetId: trial.id,
      details: {
        lines: input.lines,
        validUntil: input.validUntil?.toISOString() ?? null,
        assignedToServer: !!server,
      },
    });
    return { licenseIds: inserted.map((l) => l.id) };
  });
}
