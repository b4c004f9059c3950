import { randomUUID } from "node:crypto";
import { and, eq, inArray, ne, or } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  appInvitations,
  auditEvents,
  licenseKeys,
  licenses,
  mailOutbox,
  memberInvitations,
  memberships,
  organisations,
  serverSessions,
  servers,
  termsAcceptances,
  termsDocuments,
  trials,
  users,
} from "@/db/schema";
import { loadActor } from "@/lib/auth/load-actor";
import { createUserSession } from "@/lib/auth/sessions";
import { issueLicenseKey } from "@/lib/licenses/issue-license-key";
import { redeemLicenseKey } from "@/lib/licenses/redeem-license-key";
import { DELETED_ORGANISATION_NAME, deleteOrganisation } from "@/lib/orgs/delete-organisation";
import { inviteMember } from "@/lib/orgs/invite-member";
import { leaveOrganisation } from "@/lib/orgs/leave-organisation";
import { acceptTermsInPortal } from "@/lib/terms/accept-terms-in-portal";
import { getTrial } from "@/lib/trials/get-trial";
import { listTrialPipeline } from "@/lib/trials/list-trial-pipeline";
import { rawValues } from "@/lib/validation";
import { db } from "@/tests/setup/db";
import { actorFor, addMember, makeOrgWithPeople, makeUser } from "@/tests/setup/factories";
import { call, connect, heartbeat, makeServer, randomIp, servedApi } from "../protocol/harness";

const api = servedApi();

const membersOf = async (organisationId: string) =>
  (await db.select().from(memberships).where(eq(memberships.organisationId, organisationId))).map(
    (m) => `${m.userId}:${m.role}`,
  );

describe("leaving an organisation", () => {
  it("lets a member leave after confirming, and keeps the last owner in", async () => {
    const people = await makeOrgWithPeople();
    const org = people.org.id;

    await expect(
      leaveOrganisation(db, people.member.actor, rawValues({ organisationId: org })),
    ).rejects.toMatchObject({
      code: "validation",
      fields: [{ field: "confirm", message: "confirm-required" }],
    });
    expect(await membersOf(org)).toContain(`${people.member.id}:member`);

    await leaveOrganisation(db, people.member.actor, { organisationId: org, confirm: "on" });
    expect(await membersOf(org)).not.toContain(`${people.member.id}:member`);
    const [left] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organisationId, org), eq(auditEvents.action, "member.left")));
    expect(left).toMatchObject({ actorUserId: people.member.id, targetId: people.member.id });
    // Gone is gone: leaving again, or an organisation one never belonged to, is not found.
    await expect(
      leaveOrganisation(db, people.member.actor, { organisationId: org, confirm: true }),
    ).rejects.toMatchObject({ code: "not-found" });
    const other = await makeOrgWithPeople();
    await expect(
      leaveOrganisation(db, people.admin.actor, { organisationId: other.org.id, confirm: true }),
    ).rejects.toMatchObject({ code: "not-found" });
    expect(await membersOf(other.org.id)).toHaveLength(3);

    await expect(
      leaveOrganisation(db, people.owner.actor, { organisationId: org, confirm: true }),
    ).rejects.toMatchObject({ code: "conflict", reason: "last-owner" });
    expect(await membersOf(org)).toContain(`${people.owner.id}:owner`);

    // With a second owner the first may go; an admin leaves like anyone.
    const second = await makeUser();
    await addMember(org, second.id, "owner");
    await leaveOrganisation(db, people.owner.actor, { organisationId: org, confirm: true });
    await leaveOrganisation(db, people.admin.actor, { organisationId: org, confirm: true });
    expect(await membersOf(org)).toEqual([`${second.id}:owner`]);
  });
});

describe("deleting an organisation", () => {
  it("needs the owner role, this organisation and its exact name", async () => {
    const people = await makeOrgWithPeople();
    const other = await makeOrgWithPeople();
    const org = people.org.id;
    const name = people.org.name;

    for (const who of [people.admin, people.member]) {
      await expect(
        deleteOrganisation(db, who.actor, { organisationId: org, confirmName: name }),
      ).rejects.toMatchObject({ code: "forbidden" });
    }
    // Another organisation's owner, with this one's id and name: it does not exist for them.
    await expect(
      deleteOrganisation(db, other.owner.actor, { organisationId: org, confirmName: name }),
    ).rejects.toMatchObject({ code: "not-found" });
    for (const typed of ["wrong", name.toUpperCase(), `${name}x`, ""]) {
      await expect(
        deleteOrganisation(db, people.owner.actor, { organisationId: org, confirmName: typed }),
      ).rejects.toMatchObject({
        code: "validation",
        fields: [{ field: "confirmName", message: "name-mismatch" }],
      });
    }
    // An actor whose role was taken away since the page loaded is refused in the query too.
    await db
      .update(memberships)
      .set({ role: "admin" })
      .where(and(eq(memberships.organisationId, org), eq(memberships.userId, people.owner.id)));
    await expect(
      deleteOrganisation(db, people.owner.actor, { organisationId: org, confirmName: name }),
    ).rejects.toMatchObject({ code: "not-found" });
    const [row] = await db.select().from(organisations).where(eq(organisations.id, org));
    expect(row).toMatchObject({ name, deletedAt: null });
    expect(await membersOf(org)).toHaveLength(3);
  });

  it("disconnects its servers, releases what it held, erases its people and leaves others alone", async () => {
    const a = await makeOrgWithPeople();
    const b = await makeOrgWithPeople();
    // Someone in both organisations keeps the other one.
    const both = await makeUser({ locale: "en" });
    await addMember(a.org.id, both.id, "member");
    await addMember(b.org.id, both.id, "member");
    const aServers = [
      await makeServer({ organisationId: a.org.id, products: { "ucconnect-base": 1 }, acceptTerms: true }),
      await makeServer({ organisationId: a.org.id, products: { "mobile-users": 2 }, acceptTerms: true }),
    ];
    const bServer = await makeServer({
      organisationId: b.org.id,
      products: { "ucconnect-base": 1 },
      acceptTerms: true,
    });
    const tokens = await Promise.all([...aServers, bServer].map((s) => connect(api, s.serverId, s.password)));
    for (const [i, t] of tokens.entries()) {
      expect(
        (await call(api, "POST", "/heartbeats", { token: t.token, body: heartbeat(1) })).status,
        `${i}`,
      ).toBe(200);
    }

    const docs = await db.select().from(termsDocuments).where(eq(termsDocuments.isCurrent, true));
    const accept = docs.map((d) => ({ kind: d.kind, version: d.version }));
    await acceptTermsInPortal(db, a.owner.actor, { accept });
    await acceptTermsInPortal(db, b.owner.actor, { accept });
    const invitedEmail = `invited-${randomUUID().slice(0, 8)}@test.example`;
    await inviteMember(db, a.owner.actor, { email: invitedEmail, role: "member", locale: "de" });
    await inviteMember(db, b.owner.actor, { email: invitedEmail, role: "member", locale: "de" });
    await db.insert(appInvitations).values({
      organisationId: a.org.id,
      serverId: aServers[0]!.server.id,
      batchId: randomUUID(),
      recipientName: "Erika Mustermann",
      email: "erika@test.example",
      locale: "de",
      message: "Hallo Erika",
    });
    const sales = await actorFor(await makeUser({ staff: ["sales"] }));
    const { key } = await issueLicenseKey(db, sales, {
      product: "mobile-users",
      quantity: 5,
      validDays: 365,
    });
    const { licenseId: redeemed } = await redeemLicenseKey(db, { ...a.admin.actor, ip: randomIp() }, { key });
    const [trial] = await db
      .insert(trials)
      .values({
        serverId: aServers[0]!.server.id,
        organisationId: a.org.id,
        origin: "sales-trial",
        contactName: "Max Muster",
        contactEmail: "max@test.example",
        ip: "192.0.2.7",
        startsAt: new Date(Date.now() - 86_400_000),
        endsAt: new Date(Date.now() + 20 * 86_400_000),
      })
      .returning();
    const serverName = aServers[0]!.server.name;
    expect((await listTrialPipeline(db, sales, { q: serverName, view: "all" })).rows).toHaveLength(1);

    const aServerIds = aServers.map((s) => s.server.id);
    const aConsents = or(
      eq(termsAcceptances.organisationId, a.org.id),
      inArray(termsAcceptances.serverId, aServerIds),
    );
    const consentsBefore = await db.select().from(termsAcceptances).where(aConsents);
    expect(consentsBefore.length).toBeGreaterThanOrEqual(2 * docs.length);
    expect(consentsBefore.some((c) => c.acceptedBy === a.owner.email && c.ip)).toBe(true);
    const bBefore = {
      members: await membersOf(b.org.id),
      licenses: await db.select().from(licenses).where(eq(licenses.serverId, bServer.server.id)),
      consents: await db.select().from(termsAcceptances).where(eq(termsAcceptances.organisationId, b.org.id)),
      invitations: await db
        .select()
        .from(memberInvitations)
        .where(eq(memberInvitations.organisationId, b.org.id)),
      server: (await db.select().from(servers).where(eq(servers.id, bServer.server.id)))[0]!,
    };

    const done = await deleteOrganisation(db, a.owner.actor, {
      organisationId: a.org.id,
      confirmName: ` ${a.org.name} `,
    });
    expect(done).toEqual({ servers: 2, licenses: 3, trials: 1, members: 4 });

    // The protocol: the organisation's tokens and passwords answer 401, the other's server works on.
    for (const t of tokens.slice(0, 2)) {
      expect((await call(api, "POST", "/heartbeats", { token: t.token, body: heartbeat(2) })).status).toBe(
        401,
      );
    }
    for (const s of aServers) {
      const again = await call(api, "POST", "/sessions", {
        body: { serverId: s.serverId, password: s.password, ucserverVersion: "6.4.0.1234" },
        ip: randomIp(),
      });
      expect(again.status).toBe(401);
    }
    expect(
      (await call(api, "POST", "/heartbeats", { token: tokens[2]!.token, body: heartbeat(2) })).status,
    ).toBe(200);
    const aRows = await db.select().from(servers).where(inArray(servers.id, aServerIds));
    expect(aRows.every((s) => s.deletedAt && s.disabledAt && s.status === "offline")).toBe(true);
    const live = await db
      .select()
      .from(serverSessions)
      .where(and(inArray(serverSessions.serverId, aServerIds)));
    expect(live.every((s) => s.revokedAt && s.revokedReason === "organisation-deleted")).toBe(true);

    // The organisation: renamed, marked, nobody in it; its people's accounts stay.
    const [orgRow] = await db.select().from(organisations).where(eq(organisations.id, a.org.id));
    expect(orgRow).toMatchObject({ name: DELETED_ORGANISATION_NAME, deletedAt: expect.any(Date) });
    expect(await membersOf(a.org.id)).toEqual([]);
    const people = await db
      .select()
      .from(users)
      .where(inArray(users.id, [a.owner.id, a.admin.id, a.member.id, both.id]));
    expect(people).toHaveLength(4);
    const { token } = await createUserSession(db, { userId: both.id, ip: null, userAgent: null });
    const bothActor = await loadActor(db, { sessionToken: token, preferredOrgId: a.org.id, ip: null });
    expect(bothActor?.organisations.map((o) => o.id)).toEqual([b.org.id]);
    expect(bothActor?.org?.id).toBe(b.org.id);

    // Licenses revoked, the redeemed key still redeemed; the trial ended, its contact erased.
    const aLicenses = await db
      .select()
      .from(licenses)
      .where(or(eq(licenses.organisationId, a.org.id), inArray(licenses.serverId, aServerIds)));
    expect(aLicenses.map((l) => l.id)).toContain(redeemed);
    expect(aLicenses.every((l) => l.revokedAt !== null)).toBe(true);
    const [keyRow] = await db.select().from(licenseKeys).where(eq(licenseKeys.licenseId, redeemed));
    expect(keyRow).toMatchObject({
      redeemedByOrganisationId: a.org.id,
      redeemedAt: expect.any(Date),
      revokedAt: null,
    });
    const [trialRow] = await db.select().from(trials).where(eq(trials.id, trial!.id));
    expect(trialRow!.endsAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(trialRow).toMatchObject({ contactName: null, contactEmail: null, ip: null });
    expect((await listTrialPipeline(db, sales, { q: serverName, view: "all" })).rows).toEqual([]);
    await expect(getTrial(db, sales, trial!.id)).rejects.toMatchObject({ code: "not-found" });

    // Invitations gone; the consent ledger kept, without anyone in it.
    expect(
      await db.select().from(memberInvitations).where(eq(memberInvitations.organisationId, a.org.id)),
    ).toEqual([]);
    expect(await db.select().from(appInvitations).where(eq(appInvitations.organisationId, a.org.id))).toEqual(
      [],
    );
    const consentsAfter = await db.select().from(termsAcceptances).where(aConsents);
    expect(consentsAfter.map((c) => c.id).sort()).toEqual(consentsBefore.map((c) => c.id).sort());
    for (const c of consentsAfter) {
      expect(c).toMatchObject({ acceptedBy: "erased", ip: null, acceptedByUserId: null });
    }

    // The outbox keeps metadata only; the farewell mails go to every member, in their language.
    const outbox = await db.select().from(mailOutbox).where(eq(mailOutbox.organisationId, a.org.id));
    const earlier = outbox.filter((m) => m.template !== "organisation-deleted");
    expect(earlier.length).toBeGreaterThan(0);
    for (const m of earlier) {
      expect(m).toMatchObject({ toAddress: "erased", toName: null, subject: "", html: "", text: "" });
      expect(m.status).not.toBe("queued");
    }
    const farewell = outbox.filter((m) => m.template === "organisation-deleted");
    expect(farewell.map((m) => m.toAddress).sort()).toEqual(
      [a.owner.email, a.admin.email, a.member.email, both.email].sort(),
    );
    const toBoth = farewell.find((m) => m.toAddress === both.email)!;
    expect(toBoth.locale).toBe("en");
    expect(toBoth.text).toContain(a.org.name);
    expect(toBoth.text).not.toContain(a.owner.name);

    // The audit log keeps what happened, not who: no labels, addresses or e-mails.
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.organisationId, a.org.id));
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        "member.invited",
        "terms.accepted",
        "license-key.redeemed",
        "organisation.deleted",
      ]),
    );
    for (const e of audit) {
      expect(e).toMatchObject({ actorLabel: "erased", actorUserId: null, ip: null });
      expect(JSON.stringify(e.details)).not.toMatch(/@|Erika|Max Muster/);
    }
    expect(audit.find((e) => e.action === "organisation.deleted")!.details).toEqual(done);

    // The other organisation: unchanged.
    expect(await membersOf(b.org.id)).toEqual(bBefore.members);
    expect(await db.select().from(licenses).where(eq(licenses.serverId, bServer.server.id))).toEqual(
      bBefore.licenses,
    );
    expect(
      await db.select().from(termsAcceptances).where(eq(termsAcceptances.organisationId, b.org.id)),
    ).toEqual(bBefore.consents);
    expect(
      await db.select().from(memberInvitations).where(eq(memberInvitations.organisationId, b.org.id)),
    ).toEqual(bBefore.invitations);
    const [bServerAfter] = await db.select().from(servers).where(eq(servers.id, bServer.server.id));
    expect(bServerAfter).toMatchObject({ deletedAt: null, disabledAt: null });
    expect(bServerAfter!.licensesRevision).toBe(bBefore.server.licensesRevision);
    const bOutbox = await db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.organisationId, b.org.id), ne(mailOutbox.toAddress, "erased")));
    expect(bOutbox.map((m) => m.toAddress)).toContain(invitedEmail);
    const bAudit = await db.select().from(auditEvents).where(eq(auditEvents.organisationId, b.org.id));
    expect(bAudit.some((e) => e.actorLabel === b.owner.email)).toBe(true);

    // Deleted once: nobody can delete it again or act in it.
    await expect(
      deleteOrganisation(db, a.owner.actor, {
        organisationId: a.org.id,
        confirmName: DELETED_ORGANISATION_NAME,
      }),
    ).rejects.toMatchObject({ code: "not-found" });
  });
});
