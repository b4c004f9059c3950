import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";

/**
 * After any change to a server's licenses: bumps its licenses revision (so licensesVersion and the
 * ETag change) and recomputes the cached validity boundaries from the licenses table. Every writer
 * of licenses calls this in its transaction.
 */
export async function refreshLicenseState(db: DbOrTx, serverId: string): Promise<void> {
  await db.execute(sql`
    update servers s
       set licenses_revision = s.licenses_revision + 1,
           license_boundaries = coalesce((
             select array_agg(v.b order by v.b)
               from licenses l, lateral (values (l.valid_from), (l.valid_until)) as v(b)
              where l.server_id = s.id and l.revoked_at is null and v.b is not null), '{}')
     where s.id = ${serverId}`);
}
