import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

export type TrialRecord = {
  id: string;
  server_id: string | null;
  organisation_id: string | null;
  sales_user_id: string | null;
  ends_at: Date | string;
  extended_at: Date | string | null;
  converted_at: Date | string | null;
  merged_into_id: string | null;
};

/**
 * A followed trial by id, locked for update; a merged, malformed or unknown one, or one of a deleted
 * organisation, is not found.
 */
export async function lockTrial(db: DbOrTx, trialId: string): Promise<TrialRecord> {
  if (!isUuid(trialId)) throw notFound("Trial not found");
  const [trial] = await sqlRows<TrialRecord>(
    db,
    sql`select id, server_id, organisation_id, sales_user_id, ends_at, extended_at, converted_at, merged_into_id
          from trials where id = ${trialId}::uuid and merged_into_id is null
           and not exists (select 1 from organisations o
                            where o.id = trials.organisation_id and o.deleted_at is not null)
           for update`,
  );
  if (!trial) throw notFound("Trial not found");
  return trial;
}
