import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { Db } from "@/db/client";
import { licenses, memberships, organisations, servers, trials, users } from "@/db/schema";
import { renderTemplate } from "@/emails";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { refreshLicenseState } from "@/lib/licenses/refresh-license-state";
import { enqueueMails } from "@/lib/mail/enqueue-mail";
import { authorize } from "@/lib/permissions";
import { endServerSessions } from "@/lib/servers/end-server-sessions";
import { type RawInput, rowId } from "@/lib/validation";
import { ERASED, eraseOrganisationData } from "./erase-organisation-data";

/** The name a deleted organisation keeps: where staff still meet it (a redeemed key), it says so. */
export const DELETED_ORGANISATION_NAME = "Deleted organisation";

export const deleteOrganisationSchema = z.object({
  organisationId: rowId,
  confirmName: z.string().trim().max(200),
});
export type DeleteOrganisationInput = RawInput<typeof deleteOrganisationSchema>;

export type DeletedOrganisation = { servers: number; licenses: number; trials: number; members: number };

/**
 * An owner deletes their current organisation after typing its name, in one transaction: its
 * servers are disabled and deleted and their tokens revoked (the protocol answers 401), its
 * licenses revoked (keys it redeemed stay redeemed), its trial ended, its memberships and
 * invitations removed, its personal data erased (see erase-organisation-data.ts) and its row
 * kept, renamed, with `deleted_at`, for the consent ledger and the audit log the law requires.
 * Every member is told by e-mail; their accounts stay.
 *
 * Licenses are revoked rather than detached: a detached license would belong to nobody and could be
 * handed to someone by mistake, while a revoked one stays on record, and sales see on the license
 * keys page that the key's license ended.
 */
export async function deleteOrganisation(
  db: Db,
  actor: Actor,
  raw: DeleteOrganisationInput,
): Promise<DeletedOrganisation> {
  const { org, input } = authorize(actor, "organisation.delete", deleteOrganisationSchema, raw);
  // The form names the organisation it was shown for: another one (another tab switched) is not found.
  if (input.organisationId !== org.id) throw notFound("Organisation not found");
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ name: organisations.name })
      .from(organisations)
      .innerJoin(memberships, eq(memberships.organisationId, organisations.id))
      .where(
        and(
          eq(organisations.id, org.id),
          isNull(organisations.deletedAt),
          eq(memberships.userId, actor.userId),
          eq(memberships.role, "owner"),
        ),
      )
      .for("update", { of: organisations });
    if (!row) throw notFound("Organisation not found");
    if (input.confirmName !== row.name.trim()) {
      throw new AppError("validation", "The name does not match", {
        fields: [{ field: "confirmName", message: "name-mismatch" }],
      });
    }
    const now = new Date();
    const members = await tx
      .select({ email: users.email, locale: users.locale })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organisationId, org.id));

    const orgServers = await tx
      .select({ id: servers.id, deletedAt: servers.deletedAt })
      .from(servers)
      .where(eq(servers.organisationId, org.id))
      .for("update");
    const serverIds = orgServers.map((s) => s.id);
    await tx
      .update(servers)
      .set({
        deletedAt: sql`coalesce(${servers.deletedAt}, now())`,
        disabledAt: sql`coalesce(${servers.disabledAt}, now())`,
      })
      .where(eq(servers.organisationId, org.id));
    for (const id of serverIds) await endServerSessions(tx, id, "organisation-deleted");

    // The organisation's rows, and its servers' rows that name no organisation (a trial merged in).
    const onOrg = (orgColumn: AnyPgColumn, serverColumn: AnyPgColumn) =>
      serverIds.length ? or(eq(orgColumn, org.id), inArray(serverColumn, serverIds)) : eq(orgColumn, org.id);
    const revoked = await tx
      .update(licenses)
      .set({ revokedAt: now, revision: sql`${licenses.revision} + 1` })
      .where(and(onOrg(licenses.organisationId, licenses.serverId), isNull(licenses.revokedAt)))
      .returning({ id: licenses.id });
    for (const id of serverIds) await refreshLicenseState(tx, id);
    const ended = await tx
      .update(trials)
      .set({ endsAt: sql`least(${trials.endsAt}, now())` })
      .where(onOrg(trials.organisationId, trials.serverId))
      .returning({ id: trials.id });

    await tx.delete(memberships).where(eq(memberships.organisationId, org.id));
    await eraseOrganisationData(tx, org.id, serverIds);
    await tx
      .update(organisations)
      .set({ name: DELETED_ORGANISATION_NAME, deletedAt: now })
      .where(eq(organisations.id, org.id));

    const done: DeletedOrganisation = {
      servers: orgServers.filter((s) => !s.deletedAt).length,
      licenses: revoked.length,
      trials: ended.length,
      members: members.length,
    };
    // Kept for good, so it names nobody: the action and what it took with it.
    await recordAudit(
      tx,
      { userId: null, label: ERASED, ip: null },
      {
        organisationId: org.id,
        action: "organisation.deleted",
        targetType: "organisation",
        targetId: org.id,
        details: { ...done },
      },
    );
    const url = `${env().APP_URL.replace(/\/$/, "")}/overview`;
    const props = { organisationName: row.name, servers: done.servers, url };
    await enqueueMails(
      tx,
      members.map((m) => ({
        template: "organisation-deleted",
        to: m.email,
        toName: null,
        locale: m.locale,
        organisationId: org.id,
        rendered: renderTemplate("organisation-deleted", props, m.locale),
      })),
    );
    return done;
  });
}
