import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";

/** Everyone who can follow a trial (sales role, account not disabled), by name. Sales only. */
export async function listSalesPeople(db: DbOrTx, actor: Actor): Promise<{ id: string; name: string }[]> {
  requirePermission(actor, "trials.manage");
  return sqlRows<{ id: string; name: string }>(
    db,
    sql`select id, name from users where 'sales' = any(staff_roles) and disabled_at is null order by lower(name), id`,
  );
}
