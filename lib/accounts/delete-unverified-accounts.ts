import { and, eq, inArray, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditEvents, organisations, users } from "@/db/schema";
import { sqlRows } from "@/db/sql";
import { recordAudit } from "@/lib/audit/record-audit";
import { log } from "@/lib/log";
import { DELETED_ORGANISATION_NAME } from "@/lib/orgs/delete-organisation";
import { ERASED, eraseOrganisationData } from "@/lib/orgs/erase-organisation-data";

/** A sign-up not verified within this many days of its creation goes. */
export const UNVERIFIED_ACCOUNT_DAYS = 7;

// Per run (hourly); a backlog goes over the next runs.
const BATCH = 500;

export type UnverifiedCleanup = { users: number; organisationsDeleted: number; organisationsErased: number };

/**
 * Deletes the accounts never verified within 7 days of their creation, and the organisations they
 * created that nobody else uses: no other member, no servers, no licenses, no trials. Staff
 * accounts are the vendor's own and never signed up, so they are left alone.
 *
 * Such an organisation is deleted outright only when nothing the law keeps refers to it. A sign-up
 * always leaves two such things: its consent in the ledger (terms_acceptances, whose foreign key
 * would refuse the delete anyway) and its audit entries (which a delete would cascade away). Then
 * the organisation row stays as their anchor, marked deleted (organisations.deleted_at), with its
 * name and the personal data in those rows erased, as when an owner deletes an organisation
 * (lib/orgs/erase-organisation-data.ts): the ledger keeps that a consent was given, not by whom,
 * for a person who never proved the address was theirs.
 */
export async function deleteUnverifiedAccounts(
  db: Db,
  opts: { olderThanDays?: number } = {},
): Promise<UnverifiedCleanup> {
  const days = opts.olderThanDays ?? UNVERIFIED_ACCOUNT_DAYS;
  const result = await db.transaction(async (tx) => {
    // Locked, and skipped while locked: a link being used at this moment wins over the clean-up.
    const stale = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          isNull(users.emailVerifiedAt),
          lt(users.createdAt, sql`now() - make_interval(days => ${days})`),
          sql`cardinality(${users.staffRoles}) = 0`,
        ),
      )
      .limit(BATCH)
      .for("update", { skipLocked: true });
    if (stale.length === 0) return { users: 0, organisationsDeleted: 0, organisationsErased: 0 };
    const ids = stale.map((u) => u.id);
    const idList = uuidList(ids);

    const orgs = await sqlRows<{ id: string; kept: boolean }>(
      tx,
      sql`select o.id,
                 exists (select 1 from terms_acceptances a where a.organisation_id = o.id)
                   or exists (select 1 from audit_events e where e.organisation_id = o.id) as kept
            from organisations o
           where o.deleted_at is null
             and exists (select 1 from memberships m where m.organisation_id = o.id and m.user_id in ${idList})
             and not exists (select 1 from memberships m
                              where m.organisation_id = o.id and m.user_id not in ${idList})
             and not exists (select 1 from servers s where s.organisation_id = o.id)
             and not exists (select 1 from licenses l where l.organisation_id = o.id)
             and not exists (select 1 from trials t where t.organisation_id = o.id)
             for update of o`,
    );

    // Audit entries outside any organisation (sign-in attempts) name the person too.
    await tx
      .update(auditEvents)
      .set({ actorLabel: ERASED, ip: null })
      .where(and(inArray(auditEvents.actorUserId, ids), isNull(auditEvents.organisationId)));
    await tx.delete(users).where(inArray(users.id, ids));

    const gone = orgs.filter((o) => !o.kept).map((o) => o.id);
    if (gone.length > 0) await tx.delete(organisations).where(inArray(organisations.id, gone));
    const kept = orgs.filter((o) => o.kept).map((o) => o.id);
    for (const id of kept) {
      await eraseOrganisationData(tx, id, []);
      await tx
        .update(organisations)
        .set({ name: DELETED_ORGANISATION_NAME, deletedAt: new Date() })
        .where(eq(organisations.id, id));
      // Kept for good, so it names nobody, as when an owner deletes an organisation.
      await recordAudit(
        tx,
        { userId: null, label: ERASED, ip: null },
        {
          organisationId: id,
          action: "organisation.deleted",
          targetType: "organisation",
          targetId: id,
          details: { reason: "never-verified" },
        },
      );
    }
    return { users: ids.length, organisationsDeleted: gone.length, organisationsErased: kept.length };
  });
  if (result.users > 0) log("accounts").info(result, "deleted accounts never verified");
  return result;
}

function uuidList(ids: string[]): SQL {
  return sql`(${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
}
