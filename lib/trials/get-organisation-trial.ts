import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sqlRows } from "@/db/sql";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";

export type OrganisationTrial = {
  endsAt: Date;
  ended: boolean;
  /** Whole days left, rounded up; 0 once ended. */
  daysLeft: number;
  /** Whether a server of the organisation carries the trial (otherwise: register or claim one). */
  onServer: boolean;
  /** Who at the vendor follows the trial, for questions and buying. */
  contact: { name: string; email: string } | null;
};

/**
 * The organisation's trial as its members see it on the overview: until when, whether a server
 * carries it, and whom to ask. Nothing once converted (it is then a paying customer) and nothing
 * internal to sales (no extension reason). Any member may look.
 */
export async function getOrganisationTrial(db: Db, actor: Actor): Promise<OrganisationTrial | null> {
  const org = requirePermission(actor, "servers.view");
  const [t] = await sqlRows<{
    ends_at: string | Date;
    on_server: boolean;
    sales_name: string | null;
    sales_email: string | null;
  }>(
    db,
    sql`select t.ends_at, (s.id is not null and s.deleted_at is null) as on_server,
               su.name as sales_name, su.email as sales_email
          from trials t
          left join servers s on s.id = t.server_id
          left join users su on su.id = t.sales_user_id and su.disabled_at is null
         where t.organisation_id = ${org.id}::uuid and t.merged_into_id is null and t.converted_at is null`,
  );
  if (!t) return null;
  const endsAt = new Date(t.ends_at);
  const left = endsAt.getTime() - Date.now();
  return {
    endsAt,
    ended: left <= 0,
    daysLeft: left <= 0 ? 0 : Math.ceil(left / 86_400_000),
    onServer: t.on_server,
    contact: t.sales_email ? { name: t.sales_name ?? t.sales_email, email: t.sales_email } : null,
  };
}
