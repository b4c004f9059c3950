import { type SQL, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { sqlRows } from "@/db/sql";
import { refreshLicenseState } from "@/lib/licenses/refresh-license-state";
import { grantTrialLicenses } from "./grant-trial-licenses";

export type TrialToJoin = {
  id: string;
  server_id: string | null;
  ends_at: Date | string;
  /** Not converted. */
  open: boolean;
  /** It rides on a server that is still there. */
  server_live: boolean;
};

/** The earliest followed (not merged) trial matching `where`, locked, with what joining it needs. */
export async function lockTrialToJoin(db: DbOrTx, where: SQL): Promise<TrialToJoin | null> {
  const [trial] = await sqlRows<TrialToJoin>(
    db,
    sql`select t.id, t.server_id, t.ends_at, t.converted_at is null as open,
               (s.id is not null and s.deleted_at is null) as server_live
          from trials t left join servers s on s.id = t.server_id
         where t.merged_into_id is null and (${where})
         order by t.starts_at, t.id limit 1
           for update of t`,
  );
  return trial ?? null;
}

/**
 * The organisation's trial, locked. While it has none there is no row to lock, so two claims at once
 * would both make theirs the organisation's trial: an advisory lock on the organisation lets them
 * take turns (until the transaction ends), and the second then finds the first one's trial.
 */
export async function lockOrgTrial(db: DbOrTx, organisationId: string): Promise<TrialToJoin | null> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`trial-org:${organisationId}`}, 0))`);
  return lockTrialToJoin(db, sql`t.organisation_id = ${organisationId}::uuid`);
}

/** A trial leaves a (deleted) server: the trial licenses still on it end now. */
async function endTrialLicensesOn(db: DbOrTx, serverId: string) {
  await db.execute(sql`update licenses set revoked_at = now(), revision = revision + 1
                        where server_id = ${serverId}::uuid and trial and revoked_at is null`);
  await refreshLicenseState(db, serverId);
}

/**
 * Moves the trial to `serverId`: the licenses left on its deleted server end, the new one gets the
 * days left. A trial of its own that the server started and that was merged into this one lets go
 * of it, and the trial licenses it brought end, so the server holds this trial's licenses once.
 */
async function moveTrial(db: DbOrTx, trial: TrialToJoin, organisationId: string, serverId: string) {
  if (trial.server_id) await endTrialLicensesOn(db, trial.server_id);
  await db.execute(sql`update trials set server_id = null
                        where server_id = ${serverId}::uuid and id <> ${trial.id}::uuid`);
  await endTrialLicensesOn(db, serverId);
  await db.execute(sql`update trials set server_id = ${serverId}::uuid where id = ${trial.id}::uuid`);
  await grantTrialLicenses(db, { serverId, organisationId, endsAt: new Date(trial.ends_at) });
}

/**
 * A server was registered in the portal. If the organisation's trial has no server (a prospect
 * whose sales person did not pre-register one), or its server was deleted, the trial moves to this
 * server with the days it has left: deleting and re-creating a server never starts a second trial.
 */
export async function carryTrialToRegisteredServer(
  db: DbOrTx,
  opts: { organisationId: string; serverId: string },
): Promise<{ trialId: string } | null> {
  const trial = await lockOrgTrial(db, opts.organisationId);
  if (!trial?.open || trial.server_live) return null;
  await moveTrial(db, trial, opts.organisationId, opts.serverId);
  return { trialId: trial.id };
}

/**
 * A server that started a trial by itself was claimed into an organisation. Without a trial of its
 * own the organisation takes this one. With one, this server's trial is merged into it: its trial
 * licenses end when the organisation's trial ends (at once if that ended or was converted), and if
 * the organisation's trial had lost its server, this server carries it from now on.
 */
export async function mergeClaimedTrial(
  db: DbOrTx,
  opts: { organisationId: string; serverId: string },
): Promise<{ trialId: string; merged: boolean } | null> {
  const [own] = await sqlRows<{ id: string }>(
    db,
    sql`select id from trials where server_id = ${opts.serverId}::uuid and merged_into_id is null
           and organisation_id is null for update`,
  );
  if (!own) {
    const carried = await carryTrialToRegisteredServer(db, opts);
    return carried && { trialId: carried.trialId, merged: false };
  }
  const orgTrial = await lockOrgTrial(db, opts.organisationId);
  if (!orgTrial) {
    await db.execute(
      sql`update trials set organisation_id = ${opts.organisationId}::uuid where id = ${own.id}::uuid`,
    );
    return { trialId: own.id, merged: false };
  }
  await mergeTrialInto(db, {
    trialId: own.id,
    serverId: opts.serverId,
    into: orgTrial,
  });
  return { trialId: orgTrial.id, merged: true };
}

/**
 * Merges the trial a claimed server started by itself into the organisation's trial (locked by the
 * caller), so no second trial starts: the server's trial licenses end when the organisation's trial
 * ends (at once if it ended or was converted). If that trial is open and has lost its server, this
 * server carries it from now on.
 */
async function mergeTrialInto(
  db: DbOrTx,
  opts: { trialId: string; serverId: string; into: TrialToJoin },
): Promise<void> {
  const { into } = opts;
  const endsAt = into.open ? new Date(into.ends_at).toISOString() : new Date().toISOString();
  await db.execute(sql`update licenses
                          set valid_until = least(valid_until, ${endsAt}::timestamptz),
                              revoked_at = case when ${endsAt}::timestamptz <= now() then now() end,
                              revision = revision + 1
                        where server_id = ${opts.serverId}::uuid and trial and revoked_at is null`);
  const takesOver = into.open && !into.server_live;
  await db.execute(sql`update trials set merged_into_id = ${into.id}::uuid,
                                         server_id = case when ${takesOver} then null else server_id end
                        where id = ${opts.trialId}::uuid`);
  if (takesOver) {
    if (into.server_id) await endTrialLicensesOn(db, into.server_id);
    await db.execute(sql`update trials set server_id = ${opts.serverId}::uuid where id = ${into.id}::uuid`);
  }
  await refreshLicenseState(db, opts.serverId);
}
