import { z } from "zod";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import type { RawInput } from "@/lib/validation";
import { licenseRevisionSchema, parseLicenseChange, relocateLicense } from "./relocate-license";

export const assignLicenseSchema = licenseRevisionSchema.extend({
  serverId: z.string({ error: "required" }).min(1, { error: "required" }).max(64),
});
export type AssignLicenseInput = RawInput<typeof assignLicenseSchema>;

/**
 * An owner or admin puts a license on one of the organisation's servers, or moves it from the
 * server it is on to another. Deleted servers and other organisations' servers are not found.
 */
export function assignLicense(db: Db, actor: Actor, raw: AssignLicenseInput): Promise<{ revision: number }> {
  const input = parseLicenseChange(assignLicenseSchema, raw);
  return relocateLicense(db, actor, {
    licenseId: input.licenseId,
    revision: input.revision,
    targetServerId: input.serverId,
  });
}
