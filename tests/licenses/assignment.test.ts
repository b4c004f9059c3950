import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { licenses, servers } from "@/db/schema";
import { assignLicense } from "@/lib/licenses/assign-license";
import { issueLicenseKey } from "@/lib/licenses/issue-license-key";
import { licensesOverview } from "@/lib/licenses/licenses-overview";
import { listLicenseKeys } from "@/lib/licenses/list-license-keys";
import { redeemLicenseKey } from "@/lib/licenses/redeem-license-key";
import { revokeLicense } from "@/lib/licenses/revoke-license";
import { unassignLicense } from "@/lib/licenses/unassign-license";
import { db } from "@/tests/setup/db";
import { actorFor, makeOrgWithPeople, makeUser } from "@/tests/setup/factories";
import { call, connect, makeServer, randomIp, servedApi, serverRow } from "../protocol/harness";

const api = servedApi();

const code = (e: unknown) => (e as { code?: string }).code;

async function orgWithServersAndLicense(product = "mobile-users", quantity = 20) {
  const people = await makeOrgWithPeople();
  const a = await makeServer({ organisationId: people.org.id, acceptTerms: true });
  const b = await makeServer({ organisationId: people.org.id, acceptTerms: true });
  const sales = await actorFor(await makeUser({ staff: ["sales"] }));
  const { key } = await issueLicenseKey(db, sales, { product, quantity, validDays: 90 });
  const { licenseId } = await redeemLicenseKey(db, { ...people.admin.actor, ip: randomIp() }, { key });
  return { ...people, a, b, licenseId };
}

async function licensesAnswer(s: { serverId: string; password: string }) {
  const { token } = await connect(api, s.serverId, s.password);
  const res = await call(api, "GET", "/licenses", { token });
  expect(res.status).toBe(200);
  return res.json as { version: string; entitlements: { mobileUsers: number }; licenses: { id: string }[] };
}

const revisionOf = async (id: string) => (await db.select().from(licenses).where(eq(licenses.id, id)))[0]!;

describe("assigning, moving and removing licenses", () => {
  it("changes what each UCServer is answered, with a new version every time", async () => {
    const { admin, a, b, licenseId } = await orgWithServersAndLicense("mobile-users", 20);
    const a0 = await licensesAnswer(a);
    expect(a0.entitlements.mobileUsers).toBe(0);

    let { revision } = await assignLicense(db, admin.actor, {
      licenseId,
      revision: 1,
      serverId: a.server.id,
    });
    const a1 = await licensesAnswer(a);
    expect(a1.entitlements.mobileUsers).toBe(20);
    expect(a1.licenses.map((l) => l.id)).toContain(licenseId);
    expect(a1.version).not.toBe(a0.version);

    const b0 = await licensesAnswer(b);
    ({ revision } = await assignLicense(db, admin.actor, { licenseId, revision, serverId: b.server.id }));
    const [a2, b1] = [await licensesAnswer(a), await licensesAnswer(b)];
    expect(a2.entitlements.mobileUsers).toBe(0);
    expect(a2.version).not.toBe(a1.version);
    expect(b1.entitlements.mobileUsers).toBe(20);
    expect(b1.version).not.toBe(b0.version);

    await unassignLicense(db, admin.actor, { licenseId, revision });
    const b2 = await licensesAnswer(b);
    expect(b2.entitlements.mobileUsers).toBe(0);
    expect(b2.version).not.toBe(b1.version);
    expect((await revisionOf(licenseId)).serverId).toBeNull();
  });

  it("staff revoke the license a key became: the UCServer loses it with a new version; customers cannot", async () => {
    const { owner, admin, a, licenseId } = await orgWithServersAndLicense("mobile-users", 20);
    await assignLicense(db, admin.actor, { licenseId, revision: 1, serverId: a.server.id });
    const before = await licensesAnswer(a);
    expect(before.entitlements.mobileUsers).toBe(20);

    for (const actor of [owner.actor, admin.actor]) {
      expect(code(await revokeLicense(db, actor, { licenseId }).catch((e) => e))).toBe("not-found");
    }
    const sales = await actorFor(await makeUser({ staff: ["sales"] }));
    expect(code(await revokeLicense(db, sales, { licenseId: "not-a-uuid" }).catch((e) => e))).toBe(
      "not-found",
    );
    const keyOf = async () => (await listLicenseKeys(db, sales)).find((k) => k.license?.id === licenseId)!;
    expect((await keyOf()).license).toEqual({ id: licenseId, revokedAt: null });

    await revokeLicense(db, sales, { licenseId });
    const after = await licensesAnswer(a);
    expect(after.version).not.toBe(before.version);
    expect(after.entitlements.mobileUsers).toBe(0);
    expect((await revisionOf(licenseId)).revokedAt).not.toBeNull();
    // The license keys page shows it revoked, and it cannot be revoked twice.
    expect((await keyOf()).license?.revokedAt).toBeInstanceOf(Date);
    expect(code(await revokeLicense(db, sales, { licenseId }).catch((e) => e))).toBe("not-found");
  });

  it("a stale revision is a conflict and changes nothing", async () => {
    const { admin, owner, a, b, licenseId } = await orgWithServersAndLicense();
    await assignLicense(db, admin.actor, { licenseId, revision: 1, serverId: a.server.id });
    const stale = await assignLicense(db, owner.actor, {
      licenseId,
      revision: 1,
      serverId: b.server.id,
    }).catch((e) => e);
    expect(code(stale)).toBe("conflict");
    expect((await revisionOf(licenseId)).serverId).toBe(a.server.id);
    expect(code(await unassignLicense(db, owner.actor, { licenseId, revision: 1 }).catch((e) => e))).toBe(
      "conflict",
    );
  });

  it("two concurrent moves of one license: one wins, one conflicts, both servers refreshed", async () => {
    const { admin, owner, a, b, org, licenseId } = await orgWithServersAndLicense();
    const c = await makeServer({ organisationId: org.id });
    await assignLicense(db, admin.actor, { licenseId, revision: 1, serverId: c.server.id });
    const before = await Promise.all([
      serverRow(a.server.id),
      serverRow(b.server.id),
      serverRow(c.server.id),
    ]);
    const results = await Promise.allSettled([
      assignLicense(db, admin.actor, { licenseId, revision: 2, serverId: a.server.id }),
      assignLicense(db, owner.actor, { licenseId, revision: 2, serverId: b.server.id }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(code(lost.reason)).toBe("conflict");
    const row = await revisionOf(licenseId);
    expect(row.revision).toBe(3);
    const winner = results[0]!.status === "fulfilled" ? a : b;
    const loser = winner === a ? b : a;
    expect(row.serverId).toBe(winner.server.id);
    const after = await Promise.all([serverRow(a.server.id), serverRow(b.server.id), serverRow(c.server.id)]);
    const rev = (list: typeof after, s: typeof a) => list.find((x) => x.id === s.server.id)!.licensesRevision;
    expect(rev(after, winner)).toBe(rev(before, winner) + 1);
    expect(rev(after, c)).toBe(rev(before, c) + 1);
    expect(rev(after, loser)).toBe(rev(before, loser));
    expect((await licensesAnswer(winner)).entitlements.mobileUsers).toBe(20);
    expect((await licensesAnswer(loser)).entitlements.mobileUsers).toBe(0);
  });

  it("never assigns to a deleted server, nor a trial license", async () => {
    const { admin, a, licenseId } = await orgWithServersAndLicense();
    await db.update(servers).set({ deletedAt: new Date() }).where(eq(servers.id, a.server.id));
    expect(
      code(
        await assignLicense(db, admin.actor, { licenseId, revision: 1, serverId: a.server.id }).catch(
          (e) => e,
        ),
      ),
    ).toBe("not-found");
    const overview = await licensesOverview(db, admin.actor);
    expect(overview.servers.map((s) => s.id)).not.toContain(a.server.id);
    const [trial] = await db
      .insert(licenses)
      .values({
        organisationId: admin.actor.org!.id,
        productKey: "mobile-users",
        quantity: 5,
        validFrom: new Date(),
        trial: true,
      })
      .returning();
    const ro = await unassignLicense(db, admin.actor, { licenseId: trial!.id, revision: 1 }).catch((e) => e);
    expect(code(ro)).toBe("forbidden");
  });

  it("another organisation's license or server is not found and nothing changes", async () => {
    const mine = await orgWithServersAndLicense();
    const theirs = await orgWithServersAndLicense();
    await assignLicense(db, theirs.admin.actor, {
      licenseId: theirs.licenseId,
      revision: 1,
      serverId: theirs.a.server.id,
    });
    const theirServerRev = (await serverRow(theirs.a.server.id)).licensesRevision;
    const theirOtherRev = (await serverRow(theirs.b.server.id)).licensesRevision;
    const attempts = [
      () =>
        assignLicense(db, mine.admin.actor, {
          licenseId: theirs.licenseId,
          revision: 2,
          serverId: mine.a.server.id,
        }),
      () =>
        assignLicense(db, mine.owner.actor, {
          licenseId: mine.licenseId,
          revision: 1,
          serverId: theirs.b.server.id,
        }),
      () => unassignLicense(db, mine.owner.actor, { licenseId: theirs.licenseId, revision: 2 }),
      () =>
        assignLicense(db, mine.admin.actor, {
          licenseId: "not-a-uuid",
          revision: 1,
          serverId: mine.a.server.id,
        }),
    ];
    for (const attempt of attempts) expect(code(await attempt().catch((e) => e))).toBe("not-found");
    expect(await revisionOf(theirs.licenseId)).toMatchObject({ revision: 2, serverId: theirs.a.server.id });
    expect(await revisionOf(mine.licenseId)).toMatchObject({ revision: 1, serverId: null });
    expect((await serverRow(theirs.a.server.id)).licensesRevision).toBe(theirServerRev);
    expect((await serverRow(theirs.b.server.id)).licensesRevision).toBe(theirOtherRev);
  });

  it("members see the page but cannot change assignments", async () => {
    const { member, a, licenseId } = await orgWithServersAndLicense();
    const overview = await licensesOverview(db, member.actor);
    expect(overview.canChange).toBe(false);
    expect(overview.licenses.map((l) => l.id)).toContain(licenseId);
    expect(
      code(
        await assignLicense(db, member.actor, { licenseId, revision: 1, serverId: a.server.id }).catch(
          (e) => e,
        ),
      ),
    ).toBe("forbidden");
    expect((await revisionOf(licenseId)).serverId).toBeNull();
  });
});
