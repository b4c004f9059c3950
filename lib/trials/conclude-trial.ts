import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";

/**
 * A bought license lands on `serverId`: the server's running trial licenses end when it starts (now,
 * or its later start, so entitlements have no gap either way; it is added in the same transaction)
 * and the trial it carries, or the one that trial was merged into, counts as converted. A license
 * whose validity has already passed replaces nothing. The caller refreshes the server's license
 * state after adding its license.
 */
export async function concludeTrialOnServer(
  db: DbOrTx,
  opts: { serverId: string; byUserId: string | null; at: Date; validFrom?: Date; validUntil?: Date | null },
): Promise<{ endedTrialLicenses: number; convertedTrialId: string | null }> {
  if (opts.validUntil && opts.validUntil <= opts.at) return { endedTrialLicenses: 0, convertedTrialId: null };
  const at = opts.at.toISOString();
  const handover = (opts.validFrom && opts.validFrom > opts.at ? opts.validFrom : opts.at).toISOString();
  const ended = await sqlRows<{ id: string }>(
    db,
    handover === at
      ? sql`update licenses set revoked_at = ${at}::timestamptz, revision = revision + 1
             where server_id = ${opts.serverId}::uuid and trial and revoked_at is null
               and (valid_until is null or valid_until > ${at}::timestamptz)
            returning id`
      : sql`update licenses set valid_until = ${handover}::timestamptz, revision = revision + 1
             where server_id = ${opts.serverId}::uuid and trial and revoked_at is null
               and (valid_until is null or valid_until > ${handover}::timestamptz)
            returning id`,
  );
  const converted = await sqlRows<{ id: string }>(
    db,
    sql`update trials t set converted_at = ${at}::timestamptz, converted_by_user_id = ${opts.byUserId}::uuid
         where t.converted_at is null and t.merged_into_id is null
           and t.id = (select coalesce(s.merged_into_id, s.id) from trials s where s.server_id = ${opts.serverId}::uuid)
        returning t.id`,
  );
  return { endedTrialLicenses: ended.length, convertedTrialId: converted[0]?.id ?? null };
}
