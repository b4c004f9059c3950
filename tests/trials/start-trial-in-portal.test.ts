import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { seedReference } from "@/db/seed-reference";
import { env } from "@/lib/env";
import { claimServer } from "@/lib/servers/claim-server";
import { deleteServer } from "@/lib/servers/delete-server";
import { registerServer } from "@/lib/servers/register-server";
import { convertTrial } from "@/lib/trials/convert-trial";
import { getPortalTrialOffer } from "@/lib/trials/get-portal-trial-offer";
import { listTrialPipeline } from "@/lib/trials/list-trial-pipeline";
import { startTrialInPortal } from "@/lib/trials/start-trial-in-portal";
import { startTrialFromUcserver } from "@/lib/ucserver/start-trial-from-ucserver";
import { db } from "@/tests/setup/db";
import * as f from "@/tests/setup/factories";

beforeAll(async () => {
  await seedReference(db);
});

const DAY = 86_400_000;

async function trialOf(organisationId: string) {
  return db.select().from(schema.trials).where(eq(schema.trials.organisationId, organisationId));
}

async function trialLicensesOn(serverId: string) {
  return db
    .select()
    .from(schema.licenses)
    .where(and(eq(schema.licenses.serverId, serverId), eq(schema.licenses.trial, true)));
}

describe("starting a trial in the portal", () => {
  it("starts the organisation's one trial, origin portal, audited, waiting for its first server", async () => {
    const { org, owner, admin } = await f.makeOrgWithPeople();
    expect(await getPortalTrialOffer(db, owner.actor)).toEqual({ days: env().TRIAL_DAYS, canStart: true });

    const started = await startTrialInPortal(db, admin.actor, {});
    expect(started.serverId).toBeNull();
    const days = (started.endsAt.getTime() - Date.now()) / DAY;
    expect(days).toBeGreaterThan(env().TRIAL_DAYS - 0.01);
    expect(days).toBeLessThanOrEqual(env().TRIAL_DAYS);
    const [trial, ...more] = await trialOf(org.id);
    expect(more).toEqual([]);
    expect(trial).toMatchObject({
      id: started.trialId,
      origin: "portal",
      serverId: null,
      startedByUserId: admin.id,
      salesUserId: null,
      contactEmail: admin.email,
      locale: admin.locale,
    });
    const [audit] = await db
      .select()
      .from(schema.auditEvents)
      .where(
        and(eq(schema.auditEvents.targetId, started.trialId), eq(schema.auditEvents.action, "trial.started")),
      );
    expect(audit).toMatchObject({ organisationId: org.id, actorUserId: admin.id });
    expect(audit!.details).toMatchObject({ origin: "portal", serverId: null });

    // Once only: the owner's click, a second one, is refused with its reason, and the offer is gone.
    await expect(startTrialInPortal(db, owner.actor, {})).rejects.toMatchObject({
      code: "conflict",
      reason: "trial-used",
    });
    expect(await getPortalTrialOffer(db, owner.actor)).toBeNull();
    expect(await trialOf(org.id)).toHaveLength(1);

    // The first server the organisation registers carries it, with the days it has left.
    const server = await registerServer(db, owner.actor, { name: "Zentrale" });
    const [carried] = await trialOf(org.id);
    expect(carried!.serverId).toBe(server.id);
    const granted = await trialLicensesOn(server.id);
    expect(granted.map((l) => l.productKey).sort()).toEqual([
      "audio-video-users",
      "mobile-users",
      "ucconnect-base",
    ]);
    expect(granted.every((l) => l.validUntil!.getTime() === started.endsAt.getTime())).toBe(true);
  });

  it("goes onto the organisation's server at once if it has one without a trial", async () => {
    const { org, owner } = await f.makeOrgWithPeople();
    const deleted = await registerServer(db, owner.actor, { name: "Alt" });
    await deleteServer(db, owner.actor, { server: deleted.id, confirmName: "Alt" });
    const server = await registerServer(db, owner.actor, { name: "Zentrale" });
    expect(await trialLicensesOn(server.id)).toEqual([]);

    const started = await startTrialInPortal(db, owner.actor, {});
    expect(started.serverId).toBe(server.serverId);
    const [trial] = await trialOf(org.id);
    expect(trial!.serverId).toBe(server.id);
    const granted = await trialLicensesOn(server.id);
    expect(granted).toHaveLength(3);
    expect(
      granted.every(
        (l) => l.organisationId === org.id && l.validUntil!.getTime() === started.endsAt.getTime(),
      ),
    ).toBe(true);
    expect(await trialLicensesOn(deleted.id)).toEqual([]);
  });

  it("refuses members, and people without the organisation", async () => {
    const { org, member } = await f.makeOrgWithPeople();
    await expect(startTrialInPortal(db, member.actor, {})).rejects.toMatchObject({ code: "forbidden" });
    expect(await getPortalTrialOffer(db, member.actor)).toEqual({ days: env().TRIAL_DAYS, canStart: false });
    const stranger = await f.actorFor(await f.makeUser());
    await expect(startTrialInPortal(db, stranger, {})).rejects.toMatchObject({ code: "not-found" });
    expect(await trialOf(org.id)).toEqual([]);
  });

  it("two clicks at once start one trial", async () => {
    const { org, owner, admin } = await f.makeOrgWithPeople();
    const results = await Promise.allSettled([
      startTrialInPortal(db, owner.actor, {}),
      startTrialInPortal(db, admin.actor, {}),
      startTrialInPortal(db, owner.actor, {}),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect(r.reason).toMatchObject({ code: "conflict", reason: "trial-used" });
    }
    expect(await trialOf(org.id)).toHaveLength(1);
  });

  it("an organisation that claimed a self-started trial, or whose trial was converted, gets no second one", async () => {
    const claimer = await f.makeOrgWithPeople();
    const self = await startTrialFromUcserver(db, {
      ucserverVersion: "6.4.0.1234",
      serverName: "Selbst",
      locale: "de",
      ip: `10.77.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250) + 1}`,
    });
    await claimServer(db, claimer.owner.actor, { serverId: self.serverId, password: self.password });
    expect(await getPortalTrialOffer(db, claimer.owner.actor)).toBeNull();
    await expect(startTrialInPortal(db, claimer.owner.actor, {})).rejects.toMatchObject({
      reason: "trial-used",
    });

    const converted = await f.makeOrgWithPeople();
    const started = await startTrialInPortal(db, converted.owner.actor, {});
    const sales = await f.actorFor(await f.makeUser({ staff: ["sales"] }));
    await convertTrial(db, sales, { trialId: started.trialId, "quantity.mobile-users": "5" });
    await expect(startTrialInPortal(db, converted.owner.actor, {})).rejects.toMatchObject({
      reason: "trial-used",
    });
    expect(await trialOf(converted.org.id)).toHaveLength(1);
  });

  it("shows in the sales pipeline with origin portal, and the origin filters", async () => {
    const sales = await f.actorFor(await f.makeUser({ staff: ["sales"] }));
    const tag = `Herkunft ${f.uniq()}`;
    const portal = await f.makeOrgWithPeople();
    await db
      .update(schema.organisations)
      .set({ name: `${tag} Portal` })
      .where(eq(schema.organisations.id, portal.org.id));
    const started = await startTrialInPortal(db, portal.owner.actor, {});
    const other = await f.makeOrgWithPeople();
    await db
      .update(schema.organisations)
      .set({ name: `${tag} Vertrieb` })
      .where(eq(schema.organisations.id, other.org.id));
    await db.insert(schema.trials).values({
      organisationId: other.org.id,
      origin: "sales-trial",
      salesUserId: sales.userId,
      locale: "de",
      startsAt: new Date(),
      endsAt: new Date(Date.now() + 10 * DAY),
    });

    const all = await listTrialPipeline(db, sales, { q: tag });
    expect(all.rows.map((r) => [r.company, r.origin]).sort()).toEqual([
      [`${tag} Portal`, "portal"],
      [`${tag} Vertrieb`, "sales-trial"],
    ]);
    expect(all.rows.find((r) => r.origin === "portal")).toMatchObject({
      id: started.trialId,
      claimed: true,
      salesPerson: null,
      owner: { email: portal.owner.email },
    });
    const onlyPortal = await listTrialPipeline(db, sales, { q: tag, origin: "portal" });
    expect(onlyPortal.rows.map((r) => r.id)).toEqual([started.trialId]);
    expect(onlyPortal.counts.open).toBe(1);
    expect(onlyPortal.query.origin).toBe("portal");
    const onlySales = await listTrialPipeline(db, sales, { q: tag, origin: "sales-trial" });
    expect(onlySales.rows.map((r) => r.company)).toEqual([`${tag} Vertrieb`]);
    // An unknown origin in the URL is no filter.
    const nonsense = await listTrialPipeline(db, sales, { q: tag, origin: "nope" });
    expect(nonsense.query.origin).toBeUndefined();
    expect(nonsense.rows).toHaveLength(2);
  });
});
