import type { z } from "zod";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { licenseRevisionSchema, relocateLicense } from "./relocate-license";

export const unassignLicenseSchema = licenseRevisionSchema;
export type UnassignLicenseInput = z.infer<typeof unassignLicenseSchema>;

/** An owner or admin takes a license off its server; it stays the organisation's, unassigned. */
export function unassignLicense(
  db: Db,
  actor: Actor,
  input: UnassignLicenseInput,
): Promise<{ revision: number }> {
  return relocateLicense(db, actor, { ...input, targetServerId: null });
}
