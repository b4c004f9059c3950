import { and, eq, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, licenses, mailOutbox, memberInvitations, servers, trials } from "@/db/schema";
import { ageTrial } from "@/db/seed";
import { env } from "@/lib/env";
import { assignLicense } from "@/lib/licenses/assign-license";
import { issueLicenseKey } from "@/lib/licenses/issue-license-key";
import { redeemLicenseKey } from "@/lib/licenses/redeem-license-key";
import { loadServerLicenses } from "@/lib/licenses/server-licenses";
import { acceptInvitationAsNewUser } from "@/lib/orgs/accept-member-invitation";
import { claimServer } from "@/lib/servers/claim-server";
import { deleteServer } from "@/lib/servers/delete-server";
import { registerServer } from "@/lib/servers/register-server";
import { normalizeServerCode } from "@/lib/servers/server-id";
import { convertTrial } from "@/lib/trials/convert-trial";
import { extendTrial } from "@/lib/trials/extend-trial";
import { getOrganisationTrial } from "@/lib/trials/get-organisation-trial";
import { getTrial } from "@/lib/trials/get-trial";
import { proposeConversion } from "@/lib/trials/propose-conversion";
import { startTrialForProspect } from "@/lib/trials/start-trial-for-prospect";
import { db } from "@/tests/setup/db";
import { actorFor, makeOrgWithPeople, makeUser, uniq } from "@/tests/setup/factories";
import {
  acceptCurrentTerms,
  call,
  connect,
  heartbeat,
  randomIp,
  servedApi,
  serverRow,
} from "../protocol/harness";

const api = servedApi();

const DAY = 86_400_000;

async function sales() {
  const user = await makeUser({ staff: ["sales"], name: `Sales ${uniq()}` });
  return actorFor(user);
}

function prospectInput(extra: Record<string, unknown> = {}) {
  const id = uniq();
  return {
    company: `Interessent ${id} GmbH`,
    contactName: "Iris Interessent",
    contactEmail: `it-${id}@prospect.example`,
    locale: "de" as const,
    preRegister: false,
    ...extra,
  };
}

async function trialRow(id: string) {
  const [row] = await db.select().from(trials).where(eq(trials.id, id));
  return row!;
}

/** The prospect accepts the owner invitation: the token is only in the mail's link. */
async function acceptOwnerInvitation(contactEmail: string) {
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, contactEmail));
  const token = mail!.text.match(/accept-invitation\?token=([\w-]+)/)![1]!;
  await acceptInvitationAsNewUser(db, {
    input: { token, name: "Iris Interessent", password: "Prospect-Pass-2026", confirm: "Prospect-Pass-2026" },
    ip: "127.0.0.1",
  });
  const user = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, contactEmail) });
  const [membership] = await db.query.memberships.findMany({ where: (m, { eq }) => eq(m.userId, user!.id) });
  const org = await db.query.organisations.findFirst({
    where: (o, { eq }) => eq(o.id, membership!.organisationId),
  });
  return actorFor(user!, { id: org!.id, name: org!.name, role: membership!.role });
}

async function serverByCode(serverId: string) {
  const [row] = await db
    .select()
    .from(servers)
    .where(eq(servers.code, normalizeServerCode(serverId)!));
  return row!;
}

/** Moves the clock forward by `days` for one trial (see ageTrial). */
const travel = (trialId: string, days: number) => ageTrial(db, trialId, days);

/** Calls `probe` until `done` holds for its answer or `ms` pass, and returns the last answer. */
async function poll<T>(probe: () => Promise<T>, done: (answer: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const answer = await probe();
    if (done(answer) || Date.now() >= end) return answer;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("starting a trial for a prospect", () => {
  it("creates the organisation, invites the contact as owner without any password, and pre-registers a server", async () => {
    const actor = await sales();
    const input = prospectInput({ preRegister: "on", serverName: "Zentrale" });
    const started = await startTrialForProspect(db, actor, input);

    const trial = await trialRow(started.trialId);
    expect(trial).toMatchObject({
      organisationId: started.organisationId,
      origin: "sales-trial",
      salesUserId: actor.userId,
      contactEmail: input.contactEmail,
      serverId: started.server!.id,
    });
    expect(trial.endsAt.getTime() - trial.startsAt.getTime()).toBe(env().TRIAL_DAYS * DAY);

    const [invitation] = await db
      .select()
      .from(memberInvitations)
      .where(eq(memberInvitations.organisationId, started.organisationId));
    expect(invitation).toMatchObject({ email: input.contactEmail, role: "owner", acceptedAt: null });
    const mails = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, input.contactEmail));
    expect(mails.map((m) => m.template)).toEqual(["trial-invitation"]);
    // Neither the server's password nor any other secret but the single-use link goes by mail.
    expect(mails[0]!.text).not.toContain(started.server!.password);
    expect(mails[0]!.html).not.toContain(started.server!.password);
    expect(mails[0]!.text).toContain(input.company);

    const session = await connect(api, started.server!.serverId, started.server!.password);
    expect(session.server).toMatchObject({ name: "Zentrale", mode: "trial" });
  });

  it("refuses a second trial for the same contact, also once the contact is an owner, and changes nothing", async () => {
    const actor = await sales();
    const input = prospectInput();
    await startTrialForProspect(db, actor, input);
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(trials);
    await expect(
      startTrialForProspect(db, actor, { ...input, company: "Andere GmbH" }),
    ).rejects.toMatchObject({
      code: "conflict",
      fields: [{ field: "contactEmail", message: "trial-exists" }],
    });
    await acceptOwnerInvitation(input.contactEmail);
    await expect(
      startTrialForProspect(db, await sales(), { ...input, contactEmail: input.contactEmail.toUpperCase() }),
    ).rejects.toMatchObject({ code: "conflict" });
    const after = await db.select({ n: sql<number>`count(*)::int` }).from(trials);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it("rejects bad input field by field", async () => {
    const actor = await sales();
    await expect(
      startTrialForProspect(db, actor, { ...prospectInput(), company: " ", contactEmail: "not-an-address" }),
    ).rejects.toMatchObject({
      code: "validation",
      fields: [
        { field: "company", message: "required" },
        { field: "contactEmail", message: "invalid-email" },
      ],
    });
  });
});

describe("one trial per organisation, whatever happens to its servers", () => {
  it("the prospect's first registered server carries the trial; deleting and re-creating it never restarts it", async () => {
    const input = prospectInput();
    const started = await startTrialForProspect(db, await sales(), input);
    const owner = await acceptOwnerInvitation(input.contactEmail);
    const first = await registerServer(db, owner, { name: "Erster" });
    const trial = await trialRow(started.trialId);
    expect(trial.serverId).toBe(first.id);
    const firstLicenses = await loadServerLicenses(db, first.id);
    expect(firstLicenses.mode).toBe("trial");
    expect(new Set(firstLicenses.licenses.map((l) => l.validUntil))).toEqual(
      new Set([trial.endsAt.toISOString()]),
    );

    // A second server while the first is there gets no trial of its own.
    const second = await registerServer(db, owner, { name: "Zweiter" });
    expect((await loadServerLicenses(db, second.id)).mode).toBe("unlicensed");

    await travel(started.trialId, 10);
    await deleteServer(db, owner, { server: first.id, confirmName: "Erster" });
    const again = await registerServer(db, owner, { name: "Erster, neu" });
    const moved = await trialRow(started.trialId);
    expect(moved.serverId).toBe(again.id);
    expect(moved.endsAt).toEqual(new Date(trial.endsAt.getTime() - 10 * DAY));
    const carried = await loadServerLicenses(db, again.id);
    expect(carried.mode).toBe("trial");
    expect(carried.licenses.every((l) => l.validUntil === moved.endsAt.toISOString())).toBe(true);
    expect(await db.select().from(trials).where(eq(trials.organisationId, owner.org!.id))).toHaveLength(1);

    // After the end, a re-created server gets nothing.
    await travel(started.trialId, 30);
    await deleteServer(db, owner, { server: again.id, confirmName: "Erster, neu" });
    const late = await registerServer(db, owner, { name: "Nach dem Ende" });
    const lateLicenses = await loadServerLicenses(db, late.id);
    expect(lateLicenses.mode).toBe("unlicensed");
    expect(lateLicenses.entitlements).toEqual({
      mobileUsers: 0,
      audioVideoUsers: 0,
      push: false,
      turn: false,
    });
  });

  it("a second self-started trial claimed into the organisation ends when the first one ends", async () => {
    const input = prospectInput({ preRegister: "on" });
    const started = await startTrialForProspect(db, await sales(), input);
    const owner = await acceptOwnerInvitation(input.contactEmail);
    await travel(started.trialId, 20);
    const orgTrial = await trialRow(started.trialId);

    const ip = randomIp();
    const res = await call(api, "POST", "/trials", {
      body: { ucserverVersion: "6.4.0.1234", serverName: "Neu gestartet" },
      ip,
    });
    expect(res.status).toBe(201);
    const self = res.json as { serverId: string; password: string; trial: { endsAt: string } };
    expect(new Date(self.trial.endsAt).getTime()).toBeGreaterThan(orgTrial.endsAt.getTime());

    await claimServer(db, owner, { serverId: self.serverId, password: self.password });
    const { token } = await connect(api, self.serverId, self.password);
    const lic = await call(api, "GET", "/licenses", { token });
    const trialLicenses = (lic.json.licenses as { trial: boolean; validUntil: string }[]).filter(
      (l) => l.trial,
    );
    expect(trialLicenses.length).toBeGreaterThan(0);
    expect(trialLicenses.every((l) => l.validUntil === orgTrial.endsAt.toISOString())).toBe(true);
    const [merged] = await db.select().from(trials).where(eq(trials.mergedIntoId, started.trialId));
    expect(merged).toMatchObject({ organisationId: null, origin: "ucserver-trial" });
  });

  it("an address named by a UCServer joins nothing: a second trial naming it is a trial of its own", async () => {
    const contactEmail = `edv-${uniq()}@again.example`;
    const body = { ucserverVersion: "6.4.0.1234", serverName: "Wieder da", contactEmail };
    const first = await call(api, "POST", "/trials", { body, ip: randomIp() });
    const [firstTrial] = await db.select().from(trials).where(eq(trials.contactEmail, contactEmail));
    await travel(firstTrial!.id, 12);
    const before = await trialRow(firstTrial!.id);
    const second = await call(api, "POST", "/trials", {
      body: { ...body, contactEmail: contactEmail.toUpperCase() },
      ip: randomIp(),
    });
    expect(second.status).toBe(201);
    const secondEnd = new Date((second.json.trial as { endsAt: string }).endsAt).getTime();
    expect(secondEnd).toBeGreaterThan(Date.now() + (env().TRIAL_DAYS - 1) * DAY);
    expect((first.json as { serverId: string }).serverId).not.toBe(
      (second.json as { serverId: string }).serverId,
    );
    const followed = await db
      .select()
      .from(trials)
      .where(and(sql`lower(${trials.contactEmail}) = ${contactEmail}`, isNull(trials.mergedIntoId)));
    expect(followed).toHaveLength(2);
    expect(await trialRow(firstTrial!.id)).toEqual(before);
  });

  it("a stranger naming a prospect's address first blocks nothing: sales still start the prospect's trial", async () => {
    const input = prospectInput();
    const squat = await call(api, "POST", "/trials", {
      body: { ucserverVersion: "6.4.0.1234", serverName: "Hausbesetzer", contactEmail: input.contactEmail },
      ip: randomIp(),
    });
    expect(squat.status).toBe(201);
    const started = await startTrialForProspect(db, await sales(), input);
    const salesTrial = await trialRow(started.trialId);
    expect(salesTrial).toMatchObject({ origin: "sales-trial", mergedIntoId: null, serverId: null });
    const [squatTrial] = await db
      .select()
      .from(trials)
      .where(and(eq(trials.contactEmail, input.contactEmail), eq(trials.origin, "ucserver-trial")));
    expect(squatTrial).toMatchObject({ organisationId: null, mergedIntoId: null });

    // The prospect's own UCServer, started after the stranger's, is not merged into the stranger's trial.
    const own = await call(api, "POST", "/trials", {
      body: {
        ucserverVersion: "6.4.0.1234",
        serverName: "Beim Interessenten",
        contactEmail: input.contactEmail,
      },
      ip: randomIp(),
    });
    const ownServer = await serverByCode((own.json as { serverId: string }).serverId);
    const [ownTrial] = await db.select().from(trials).where(eq(trials.serverId, ownServer.id));
    expect(ownTrial).toMatchObject({ mergedIntoId: null, organisationId: null });
  });

  it("a prospect's UCServer starting a trial itself runs its own until claimed; claiming merges it into the trial sales started", async () => {
    const input = prospectInput();
    const started = await startTrialForProspect(db, await sales(), input);
    await travel(started.trialId, 5);
    const self = await call(api, "POST", "/trials", {
      body: {
        ucserverVersion: "6.4.0.1234",
        serverName: "Beim Interessenten",
        contactEmail: input.contactEmail,
      },
      ip: randomIp(),
    });
    const salesTrial = await trialRow(started.trialId);
    expect(new Date((self.json.trial as { endsAt: string }).endsAt).getTime()).toBeGreaterThan(
      salesTrial.endsAt.getTime(),
    );
    const owner = await acceptOwnerInvitation(input.contactEmail);
    const creds = self.json as { serverId: string; password: string };
    const claimed = await claimServer(db, owner, creds);
    expect((await trialRow(started.trialId)).serverId).toBe(claimed.id);
    const carried = await loadServerLicenses(db, claimed.id);
    expect(carried.mode).toBe("trial");
    expect(
      carried.licenses
        .filter((l) => l.status === "active")
        .every((l) => l.validUntil === salesTrial.endsAt.toISOString()),
    ).toBe(true);
  });

  it("a UCServer naming a prospect's e-mail gets a trial of its own and never the prospect's: bought licenses stay the prospect's", async () => {
    const actor = await sales();
    const input = prospectInput();
    const started = await startTrialForProspect(db, actor, input);
    // Anyone can send the contact's address with POST /trials: no account, no proof.
    const stranger = await call(api, "POST", "/trials", {
      body: { ucserverVersion: "6.4.0.1234", serverName: "Fremder", contactEmail: input.contactEmail },
      ip: randomIp(),
    });
    expect(stranger.status).toBe(201);
    const salesTrial = await trialRow(started.trialId);
    expect(salesTrial.serverId).toBeNull();
    const strangerServer = await serverByCode((stranger.json as { serverId: string }).serverId);
    const [strangerTrial] = await db.select().from(trials).where(eq(trials.serverId, strangerServer.id));
    expect(strangerTrial).toMatchObject({ mergedIntoId: null, organisationId: null });

    await convertTrial(db, actor, { trialId: started.trialId, "quantity.mobile-users": "7" });
    const bought = await db
      .select()
      .from(licenses)
      .where(and(eq(licenses.organisationId, started.organisationId), eq(licenses.trial, false)));
    expect(bought).toEqual([expect.objectContaining({ serverId: null, quantity: 7 })]);
    const creds = stranger.json as { serverId: string; password: string };
    const { token } = await connect(api, creds.serverId, creds.password);
    const seen = await call(api, "GET", "/licenses", { token });
    expect((seen.json.licenses as { trial: boolean }[]).every((l) => l.trial)).toBe(true);
  });

  it("a server whose own trial was merged can be claimed later and then carries the trial, once", async () => {
    const input = prospectInput({ preRegister: "on" });
    const started = await startTrialForProspect(db, await sales(), input);
    const owner = await acceptOwnerInvitation(input.contactEmail);
    const replacement = await call(api, "POST", "/trials", {
      body: { ucserverVersion: "6.4.0.1234", serverName: "Ersatz", contactEmail: input.contactEmail },
      ip: randomIp(),
    });
    expect(replacement.status).toBe(201);
    await deleteServer(db, owner, { server: started.server!.id, confirmName: `UCServer ${input.company}` });
    const creds = replacement.json as { serverId: string; password: string };
    const claimed = await claimServer(db, owner, creds);
    const trial = await trialRow(started.trialId);
    expect(trial.serverId).toBe(claimed.id);
    const held = await loadServerLicenses(db, claimed.id);
    const active = held.licenses.filter((l) => l.status === "active");
    expect(active.length).toBeGreaterThan(0);
    expect(new Set(active.map((l) => l.product)).size).toBe(active.length);
    expect(active.every((l) => l.validUntil === trial.endsAt.toISOString())).toBe(true);
  });

  it("two self-started servers claimed at the same moment into an organisation without a trial: one trial, both claims succeed", async () => {
    const people = await makeOrgWithPeople();
    const start = async (name: string) =>
      (
        await call(api, "POST", "/trials", {
          body: { ucserverVersion: "6.4.0.1234", serverName: name },
          ip: randomIp(),
        })
      ).json as { serverId: string; password: string };
    const [a, b] = await Promise.all([start("Links"), start("Rechts")]);
    const claims = await Promise.allSettled([
      claimServer(db, people.admin.actor, a),
      claimServer(db, people.admin.actor, b),
    ]);
    expect(claims.map((c) => c.status)).toEqual(["fulfilled", "fulfilled"]);
    const followed = await db.select().from(trials).where(eq(trials.organisationId, people.org.id));
    expect(followed).toHaveLength(1);
    const merged = await db.select().from(trials).where(eq(trials.mergedIntoId, followed[0]!.id));
    expect(merged).toHaveLength(1);
  });

  it("a self-started trial claimed by an organisation without one becomes its trial", async () => {
    const people = await makeOrgWithPeople();
    const res = await call(api, "POST", "/trials", {
      body: { ucserverVersion: "6.4.0.1234", serverName: "Allein", contactEmail: "admin@self.example" },
      ip: randomIp(),
    });
    const self = res.json as { serverId: string; password: string };
    await claimServer(db, people.admin.actor, self);
    const [trial] = await db.select().from(trials).where(eq(trials.organisationId, people.org.id));
    expect(trial).toMatchObject({ origin: "ucserver-trial", mergedIntoId: null, salesUserId: null });
  });
});

describe("deciding a trial", () => {
  it("extends once, by the set days, with the reason audited; a second extension is refused", async () => {
    const actor = await sales();
    const started = await startTrialForProspect(db, actor, prospectInput({ preRegister: "on" }));
    const before = await trialRow(started.trialId);
    const { token } = await connect(api, started.server!.serverId, started.server!.password);
    const v1 = (await call(api, "GET", "/licenses", { token })).json.version;

    await expect(extendTrial(db, actor, { trialId: started.trialId, reason: "" })).rejects.toMatchObject({
      code: "validation",
      fields: [{ field: "reason", message: "too-short" }],
    });
    const { endsAt, days } = await extendTrial(db, actor, {
      trialId: started.trialId,
      reason: "Budget decision in January",
    });
    expect(days).toBe(env().TRIAL_EXTENSION_DAYS);
    expect(endsAt.getTime()).toBe(before.endsAt.getTime() + days * DAY);
    const after = await trialRow(started.trialId);
    expect(after).toMatchObject({
      extensionReason: "Budget decision in January",
      extendedByUserId: actor.userId,
    });

    const lic = await call(api, "GET", "/licenses", { token });
    expect(lic.json.version).not.toBe(v1);
    expect(
      (lic.json.licenses as { validUntil: string }[]).every((l) => l.validUntil === endsAt.toISOString()),
    ).toBe(true);

    await expect(
      extendTrial(db, await sales(), { trialId: started.trialId, reason: "Once more please" }),
    ).rejects.toMatchObject({ code: "conflict", fields: [{ field: "reason", message: "already-extended" }] });
    expect((await trialRow(started.trialId)).endsAt).toEqual(endsAt);
    const audit = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, started.trialId), eq(auditEvents.action, "trial.extended")));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({ reason: "Budget decision in January", days });
    // The reason is between colleagues: it is not in the customer's audit log.
    expect(audit[0]!.organisationId).toBeNull();
  });

  it("an extension of an expired trial counts from today and turns the entitlements back on", async () => {
    const actor = await sales();
    const started = await startTrialForProspect(db, actor, prospectInput({ preRegister: "on" }));
    await travel(started.trialId, env().TRIAL_DAYS + 3);
    expect((await loadServerLicenses(db, started.server!.id)).mode).toBe("unlicensed");
    const { endsAt } = await extendTrial(db, actor, { trialId: started.trialId, reason: "Server was down" });
    expect(Math.abs(endsAt.getTime() - (Date.now() + env().TRIAL_EXTENSION_DAYS * DAY))).toBeLessThan(60_000);
    const now = await loadServerLicenses(db, started.server!.id);
    expect(now.mode).toBe("trial");
    expect(now.entitlements.mobileUsers).toBeGreaterThan(0);
  });

  it("an extension gives licenses to a server that came to carry the trial after it had ended", async () => {
    const actor = await sales();
    const input = prospectInput();
    const started = await startTrialForProspect(db, actor, input);
    const owner = await acceptOwnerInvitation(input.contactEmail);
    await travel(started.trialId, env().TRIAL_DAYS + 2);
    const server = await registerServer(db, owner, { name: "Zu spät" });
    expect((await trialRow(started.trialId)).serverId).toBe(server.id);
    expect((await loadServerLicenses(db, server.id)).mode).toBe("unlicensed");
    const { endsAt } = await extendTrial(db, actor, { trialId: started.trialId, reason: "Spät installiert" });
    const after = await loadServerLicenses(db, server.id);
    expect(after.mode).toBe("trial");
    expect(after.entitlements.mobileUsers).toBeGreaterThan(0);
    expect(after.licenses.every((l) => l.validUntil === endsAt.toISOString())).toBe(true);
  });

  it("proposes converting into what the trial's server runs on, else what every trial grants", async () => {
    const actor = await sales();
    const withServer = await startTrialForProspect(db, actor, prospectInput({ preRegister: "on" }));
    // Sales raised the trial's mobile users; the base license was revoked.
    await db
      .update(licenses)
      .set({ quantity: 40 })
      .where(and(eq(licenses.serverId, withServer.server!.id), eq(licenses.productKey, "mobile-users")));
    await db
      .update(licenses)
      .set({ revokedAt: new Date() })
      .where(and(eq(licenses.serverId, withServer.server!.id), eq(licenses.productKey, "ucconnect-base")));
    const trial = await getTrial(db, actor, withServer.trialId);
    const proposed = await proposeConversion(db, actor, { trial, locale: "en" });
    const of = (key: string) => proposed.find((p) => p.key === key);
    expect(of("mobile-users")).toEqual({ key: "mobile-users", name: "Mobile users", quantity: 40 });
    expect(of("audio-video-users")?.quantity).toBe(10);
    // Not running on the server any more: what every trial grants.
    expect(of("ucconnect-base")?.quantity).toBe(1);

    const bare = await startTrialForProspect(db, actor, prospectInput());
    const plain = await proposeConversion(db, actor, {
      trial: await getTrial(db, actor, bare.trialId),
      locale: "de",
    });
    expect(plain.find((p) => p.key === "mobile-users")).toEqual({
      key: "mobile-users",
      name: "Mobile Benutzer",
      quantity: 25,
    });
    const owner = (await makeOrgWithPeople()).owner.actor;
    await expect(proposeConversion(db, owner, { trial, locale: "de" })).rejects.toMatchObject({
      code: "not-found",
    });
  });

  it("converts to paid: the bought licenses start the instant the trial's end, with no gap, once", async () => {
    const actor = await sales();
    const started = await startTrialForProspect(db, actor, prospectInput({ preRegister: "on" }));
    await acceptCurrentTerms({ ...(await serverRow(started.server!.id)) });
    const { token } = await connect(api, started.server!.serverId, started.server!.password);
    const before = await call(api, "GET", "/licenses", { token });
    expect(before.json.entitlements).toMatchObject({ push: true, turn: true });

    await expect(
      convertTrial(db, actor, { trialId: started.trialId, "quantity.mobile-users": "0" }),
    ).rejects.toMatchObject({
      code: "validation",
      fields: [{ field: "lines", message: "nothing-selected" }],
    });
    await expect(
      convertTrial(db, actor, { trialId: started.trialId, "quantity.no-such-product": "3" }),
    ).rejects.toMatchObject({ code: "validation" });
    await convertTrial(db, actor, {
      trialId: started.trialId,
      "quantity.ucconnect-base": "1",
      "quantity.mobile-users": "40",
      "quantity.audio-video-users": "",
      validUntil: "2030-12-31",
    });

    const after = await call(api, "GET", "/licenses", {
      token,
      headers: { "if-none-match": before.headers.get("etag")! },
    });
    expect(after.status).toBe(200);
    const list = after.json.licenses as {
      product: string;
      trial: boolean;
      status: string;
      validUntil: string;
    }[];
    expect(list.filter((l) => l.trial).every((l) => l.status === "revoked")).toBe(true);
    expect(list.filter((l) => !l.trial).map((l) => [l.product, l.status, l.validUntil])).toEqual(
      expect.arrayContaining([
        ["ucconnect-base", "active", "2030-12-31T23:59:59.999Z"],
        ["mobile-users", "active", "2030-12-31T23:59:59.999Z"],
      ]),
    );
    // Exactly what was bought: the base (push) and 40 mobile users; no audio/video, so no TURN.
    expect(after.json.entitlements).toEqual({ mobileUsers: 40, audioVideoUsers: 0, push: true, turn: false });

    // No gap: every trial license ended at exactly the instant the bought ones began.
    const rows = await db.select().from(licenses).where(eq(licenses.serverId, started.server!.id));
    const boughtFrom = new Set(rows.filter((l) => !l.trial).map((l) => l.validFrom.getTime()));
    const trialEnd = new Set(rows.filter((l) => l.trial).map((l) => l.revokedAt?.getTime()));
    expect(boughtFrom.size).toBe(1);
    expect(trialEnd).toEqual(boughtFrom);

    const trial = await trialRow(started.trialId);
    expect(trial.convertedByUserId).toBe(actor.userId);
    await expect(
      convertTrial(db, actor, { trialId: started.trialId, "quantity.mobile-users": "5" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      extendTrial(db, actor, { trialId: started.trialId, reason: "Too late now" }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    // Once paying, the trial page keeps the trial's facts but no longer shows the customer's server.
    expect((await getTrial(db, actor, started.trialId)).server).toBeNull();
  });

  it("a trial without a server converts into licenses waiting for the organisation's server", async () => {
    const actor = await sales();
    const input = prospectInput();
    const started = await startTrialForProspect(db, actor, input);
    await convertTrial(db, actor, { trialId: started.trialId, "quantity.mobile-users": "10" });
    const rows = await db.select().from(licenses).where(eq(licenses.organisationId, started.organisationId));
    expect(rows).toEqual([
      expect.objectContaining({ serverId: null, productKey: "mobile-users", quantity: 10, trial: false }),
    ]);
    // A server registered afterwards does not start the (converted) trial.
    const owner = await acceptOwnerInvitation(input.contactEmail);
    const server = await registerServer(db, owner, { name: "Danach" });
    expect((await loadServerLicenses(db, server.id)).licenses).toEqual([]);
  });

  it("a bought license its owner assigns to the trial's server converts the trial too", async () => {
    const actor = await sales();
    const input = prospectInput({ preRegister: "on" });
    const started = await startTrialForProspect(db, actor, input);
    const owner = { ...(await acceptOwnerInvitation(input.contactEmail)), ip: randomIp() };
    const { key } = await issueLicenseKey(db, actor, {
      product: "mobile-users",
      quantity: 5,
      validDays: 365,
    });
    const { licenseId } = await redeemLicenseKey(db, owner, { key });
    await assignLicense(db, owner, { licenseId, revision: 1, serverId: started.server!.id });
    expect((await trialRow(started.trialId)).convertedAt).not.toBeNull();
  });

  it("a bought license already over replaces nothing", async () => {
    const actor = await sales();
    const input = prospectInput({ preRegister: "on" });
    const started = await startTrialForProspect(db, actor, input);
    const owner = { ...(await acceptOwnerInvitation(input.contactEmail)), ip: randomIp() };
    const { key } = await issueLicenseKey(db, actor, { product: "mobile-users", quantity: 5, validDays: 10 });
    const { licenseId } = await redeemLicenseKey(db, owner, { key });
    // Redeemed long ago: its ten days have run out.
    await db
      .update(licenses)
      .set({ validFrom: new Date(Date.now() - 20 * DAY), validUntil: new Date(Date.now() - 10 * DAY) })
      .where(eq(licenses.id, licenseId));
    await assignLicense(db, owner, { licenseId, revision: 1, serverId: started.server!.id });
    expect((await trialRow(started.trialId)).convertedAt).toBeNull();
    expect((await loadServerLicenses(db, started.server!.id)).mode).toBe("trial");
  });
});

describe("what the prospect's organisation sees", () => {
  it("its trial's end, whether a server carries it and whom to ask, until it is converted", async () => {
    const actor = await sales();
    const input = prospectInput();
    const started = await startTrialForProspect(db, actor, input);
    const owner = await acceptOwnerInvitation(input.contactEmail);
    const before = await getOrganisationTrial(db, owner);
    expect(before).toMatchObject({
      ended: false,
      daysLeft: env().TRIAL_DAYS,
      onServer: false,
      contact: { name: actor.name, email: actor.email },
    });
    await registerServer(db, owner, { name: "Jetzt" });
    expect(await getOrganisationTrial(db, owner)).toMatchObject({ onServer: true });
    await travel(started.trialId, env().TRIAL_DAYS);
    expect(await getOrganisationTrial(db, owner)).toMatchObject({ ended: true, daysLeft: 0 });
    await convertTrial(db, actor, { trialId: started.trialId, "quantity.mobile-users": "3" });
    expect(await getOrganisationTrial(db, owner)).toBeNull();
    expect(await getOrganisationTrial(db, (await makeOrgWithPeople()).member.actor)).toBeNull();
  });
});

describe("an expired trial", () => {
  it("turns entitlements off at its end, keeps accepting heartbeats and shows them", async () => {
    const actor = await sales();
    const started = await startTrialForProspect(db, actor, prospectInput({ preRegister: "on" }));
    const server = await serverRow(started.server!.id);
    await acceptCurrentTerms(server);
    const { token } = await connect(api, started.server!.serverId, started.server!.password);
    const hb1 = await call(api, "POST", "/heartbeats", { token, body: heartbeat(1) });
    expect(hb1.status).toBe(200);
    const active = await call(api, "GET", "/licenses", { token });
    expect(active.json.entitlements).toMatchObject({ push: true, turn: true });

    // The clock moves to 1.5 s before the end; then real time passes the end, without any write.
    await travel(started.trialId, env().TRIAL_DAYS - 1.5 / 86_400);
    const hb2 = await call(api, "POST", "/heartbeats", { token, body: heartbeat(2) });
    // Waits for the end itself: the version GET /licenses reads moves once the end is behind us.
    await poll(
      () => call(api, "GET", "/licenses", { token }),
      (res) => res.status === 200 && res.json.version !== hb2.json.licensesVersion,
    );
    const hb3 = await call(api, "POST", "/heartbeats", {
      token,
      body: heartbeat(3, { users: { total: 7, mobile: 3, audioVideo: 1 } }),
    });
    expect(hb3.status).toBe(200);
    expect(hb3.json.licensesVersion).not.toBe(hb2.json.licensesVersion);

    const expired = await call(api, "GET", "/licenses", { token });
    expect(expired.json.version).toBe(hb3.json.licensesVersion);
    expect(expired.json.entitlements).toEqual({
      mobileUsers: 0,
      audioVideoUsers: 0,
      push: false,
      turn: false,
    });
    expect((expired.json.licenses as { status: string }[]).every((l) => l.status === "expired")).toBe(true);
    const again = await connect(api, started.server!.serverId, started.server!.password);
    expect(again.server).toMatchObject({ mode: "unlicensed" });

    const row = await serverRow(started.server!.id);
    expect(row).toMatchObject({ status: "online", usersTotal: 7, usersMobile: 3, lastSequence: 3 });
    const detail = await getTrial(db, actor, started.trialId);
    expect(detail.server).toMatchObject({ status: "online", users: { total: 7, mobile: 3, audioVideo: 1 } });
    expect(detail.endsAt.getTime()).toBeLessThan(Date.now());
  });
});

describe("who may do what", () => {
  it("customers and operators cannot reach any sales use case; a foreign or malformed id is not found", async () => {
    const started = await startTrialForProspect(db, await sales(), prospectInput({ preRegister: "on" }));
    const people = await makeOrgWithPeople();
    const operator = await actorFor(await makeUser({ staff: ["operator"] }));
    for (const actor of [people.owner.actor, people.admin.actor, operator]) {
      await expect(startTrialForProspect(db, actor, prospectInput())).rejects.toMatchObject({
        code: "not-found",
      });
      await expect(getTrial(db, actor, started.trialId)).rejects.toMatchObject({ code: "not-found" });
      await expect(
        extendTrial(db, actor, { trialId: started.trialId, reason: "Let me in" }),
      ).rejects.toMatchObject({
        code: "not-found",
      });
      await expect(
        convertTrial(db, actor, { trialId: started.trialId, "quantity.mobile-users": "1" }),
      ).rejects.toMatchObject({ code: "not-found" });
    }
    const actor = await sales();
    await expect(getTrial(db, actor, "not-a-uuid")).rejects.toMatchObject({ code: "not-found" });
    await expect(getTrial(db, actor, crypto.randomUUID())).rejects.toMatchObject({ code: "not-found" });
    expect((await trialRow(started.trialId)).extendedAt).toBeNull();
    const [server] = await db.select().from(servers).where(eq(servers.id, started.server!.id));
    expect(server!.organisationId).toBe(started.organisationId);
  });
});
