import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { licenseKeys, licenses } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { authorize } from "@/lib/permissions";
import { hitRateLimit, retryAfterSeconds } from "@/lib/rate-limit/hit-rate-limit";
import type { RawInput } from "@/lib/validation";
import { hashLicenseKey, normalizeLicenseKey } from "./license-key-code";

export const redeemLicenseKeySchema = z.object({ key: z.string().max(100, { error: "too-long" }) });
export type RedeemLicenseKeyInput = RawInput<typeof redeemLicenseKeySchema>;

// Ten wrong guesses per quarter hour, per organisation and per address: 80-bit keys cannot be
// found by guessing anyway, this keeps the attempts visible and cheap.
const WINDOW_SECONDS = 15 * 60;
const MAX_ATTEMPTS = 10;

const keyError = (code: "conflict" | "not-found" | "validation", message: string) =>
  new AppError(code, message, { fields: [{ field: "key", message }] });

/**
 * An owner or admin redeems a license key. The key becomes a license of the organisation that
 * waits, unassigned, for a server; its validity starts now. A key is redeemed once: the row is
 * claimed with a conditional update, so two parallel attempts cannot both win.
 */
export async function redeemLicenseKey(
  db: Db,
  actor: Actor,
  raw: RedeemLicenseKeyInput,
): Promise<{ licenseId: string }> {
  const { org, input } = authorize(actor, "licenses.manage", redeemLicenseKeySchema, raw);
  const canonical = normalizeLicenseKey(input.key);
  if (!canonical) throw keyError("validation", input.key.trim() ? "key-malformed" : "required");
  // Counted before the key is looked at, outside the transaction, so a failed attempt still counts.
  for (const key of [`redeem:org:${org.id}`, actor.ip ? `redeem:ip:${actor.ip}` : null]) {
    if (!key) continue;
    const w = await hitRateLimit(db, key, WINDOW_SECONDS);
    if (w.count > MAX_ATTEMPTS) {
      throw new AppError("rate-limited", "Too many attempts", { retryAfterSeconds: retryAfterSeconds(w) });
    }
  }
  return db.transaction(async (tx) => {
    const hash = hashLicenseKey(canonical);
    const [claimed] = await tx
      .update(licenseKeys)
      .set({ redeemedAt: sql`now()`, redeemedByOrganisationId: org.id })
      .where(
        and(eq(licenseKeys.keyHash, hash), isNull(licenseKeys.redeemedAt), isNull(licenseKeys.revokedAt)),
      )
      .returning();
    if (!claimed) {
      const [known] = await tx.select().from(licenseKeys).where(eq(licenseKeys.keyHash, hash));
      if (!known) throw keyError("not-found", "key-unknown");
      throw keyError("conflict", known.revokedAt ? "key-revoked" : "key-used");
    }
    const [license] = await tx
      .insert(licenses)
      .values({
        organisationId: org.id,
        serverId: null,
        licenseKeyId: claimed.id,
        productKey: claimed.productKey,
        quantity: claimed.quantity,
        validFrom: sql`now()`,
        validUntil:
          claimed.validDays === null ? null : sql`now() + make_interval(days => ${claimed.validDays})`,
      })
      .returning({ id: licenses.id });
    await tx.update(licenseKeys).set({ licenseId: license!.id }).where(eq(licenseKeys.id, claimed.id));
    await recordAudit(tx, auditActor(actor), {
      organisationId: org.id,
      action: "license-key.redeemed",
      targetType: "license",
      targetId: license!.id,
      details: {
        keyId: claimed.id,
        hint: claimed.keyHint,
        product: claimed.productKey,
        quantity: claimed.quantity,
      },
    });
    return { licenseId: license!.id };
  });
}
