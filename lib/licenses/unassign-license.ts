import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { RawInput } from "@/lib/validation";
import { licenseRevisionSchema, parseLicenseChange, relocateLicense } from "./relocate-license";

export const unassignLicenseSchema = licenseRevisionSchema;
export type UnassignLicenseInput = RawInput<typeof unassignLicenseSchema>;

/** An owner or admin takes a license off its server; it stays the organisation's, unassigned. */
export function unassignLicense(
  db: Db,
  actor: Actor,
  raw: UnassignLicenseInput,
): Promise<{ revision: number }> {
  const input = parseLicenseChange(unassignLicenseSchema, raw);
  return relocateLicense(db, actor, { ...input, targetServerId: null });
}
