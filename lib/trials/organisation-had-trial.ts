import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";

/**
 * Whether the organisation has or ever had a trial: its own (running, ended or converted), or one
 * that rides or rode on one of its servers (a claimed server's self-started trial, merged or not).
 * An organisation gets one trial, however it came by it.
 */
export async function organisationHadTrial(db: DbOrTx, organisationId: string): Promise<boolean> {
  const [row] = await sqlRows<{ had: boolean }>(
    db,
    sql`select exists (
          select 1 from trials t
           where t.organisation_id = ${organisationId}::uuid
              or exists (select 1 from servers s
                          where s.id = t.server_id and s.organisation_id = ${organisationId}::uuid)
        ) as had`,
  );
  return row?.had ?? false;
}
