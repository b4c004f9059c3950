import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";
import { type Actor, requireStaff } from "@/lib/auth/actor";

/** Everyone who can follow a trial (sales role, account not disabled), by name. Sales only. */
export async function listSalesPeople(db: DbOrTx, actor: Actor): Promise<{ id: string; name: string }[]> {
  requireStaff(actor, "sales");
  return sqlRows<{ id: string; name: string }>(
    db,
    sql`select id, name from users where 'sales' = any(staff_roles) and disabled_at is null order by lower(name), id`,
  );
}
