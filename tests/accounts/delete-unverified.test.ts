import { eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { seedReference } from "@/db/seed-reference";
import { deleteUnverifiedAccounts } from "@/lib/accounts/delete-unverified-accounts";
import { signUp } from "@/lib/accounts/sign-up";
import { verifyEmail } from "@/lib/accounts/verify-email";
import { DELETED_ORGANISATION_NAME } from "@/lib/orgs/delete-organisation";
import { ERASED } from "@/lib/orgs/erase-organisation-data";
import { makeServer } from "@/tests/protocol/harness";
import { db } from "@/tests/setup/db";
import * as f from "@/tests/setup/factories";
import { withOwnDatabase } from "@/tests/setup/own-database";
import { randomIp, signUpForm, verificationToken } from "./sign-up-support";

// The clean-up acts on every account in the database, so this file has its own.
withOwnDatabase("accounts_cleanup");

beforeAll(() => seedReference(db));

/** As if the account had been created `days` ago. */
async function age(userId: string, days: number) {
  await db
    .update(schema.users)
    .set({ createdAt: sql`now() - make_interval(days => ${days})` })
    .where(eq(schema.users.id, userId));
}

async function signedUp(days: number, opts: { verify?: boolean } = {}) {
  const form = await signUpForm(db);
  await signUp(db, { input: form, ip: randomIp() });
  if (opts.verify) await verifyEmail(db, { token: await verificationToken(db, form.email), ip: null });
  const [user] = await db.select().from(schema.users).where(eq(schema.users.email, form.email));
  const [org] = await db
    .select()
    .from(schema.organisations)
    .where(eq(schema.organisations.name, form.company));
  await age(user!.id, days);
  return { user: user!, org: org!, form };
}

const userExists = async (id: string) =>
  (await db.select().from(schema.users).where(eq(schema.users.id, id))).length === 1;
const orgRow = async (id: string) =>
  (await db.select().from(schema.organisations).where(eq(schema.organisations.id, id)))[0] ?? null;

describe("deleting accounts never verified", () => {
  it("removes only unverified accounts older than 7 days, and the organisations nobody else uses", async () => {
    const stale = await signedUp(8);
    const recent = await signedUp(6);
    const verifiedLongAgo = await signedUp(30, { verify: true });
    const ordinary = await f.makeOrgWithPeople();
    await age(ordinary.owner.id, 30);

    // An old sign-up who is also in an organisation with someone else: the account goes, the other
    // organisation stays as it is.
    const sharing = await signedUp(9);
    const other = await f.makeOrgWithPeople();
    await f.addMember(other.org.id, sharing.user.id, "member");
    // One whose organisation has a server already: the account goes, the organisation stays.
    const withServer = await signedUp(10);
    await makeServer({ organisationId: withServer.org.id });
    // An organisation with no consents and no audit entries (not made by a sign-up) is deleted.
    const bare = await f.makeUser({ verified: false });
    await age(bare.id, 8);
    const bareOrg = await f.makeOrg();
    await f.addMember(bareOrg.id, bare.id, "owner");
    // Staff accounts are never signed up; they are left alone.
    const staff = await f.makeUser({ verified: false, staff: ["operator"] });
    await age(staff.id, 30);

    const result = await deleteUnverifiedAccounts(db);
    expect(result).toEqual({ users: 4, organisationsDeleted: 1, organisationsErased: 2 });

    for (const gone of [stale, sharing, withServer]) expect(await userExists(gone.user.id)).toBe(false);
    expect(await userExists(bare.id)).toBe(false);
    for (const kept of [recent.user, verifiedLongAgo.user, ordinary.owner, staff, other.owner]) {
      expect(await userExists(kept.id)).toBe(true);
    }

    expect(await orgRow(bareOrg.id)).toBeNull();
    for (const erased of [stale.org, sharing.org]) {
      const row = await orgRow(erased.id);
      expect(row).toMatchObject({ name: DELETED_ORGANISATION_NAME });
      expect(row!.deletedAt).toBeInstanceOf(Date);
    }
    for (const intact of [recent.org, verifiedLongAgo.org, ordinary.org, other.org, withServer.org]) {
      expect(await orgRow(intact.id)).toMatchObject({ name: intact.name, deletedAt: null });
    }
    expect(
      await db.select().from(schema.memberships).where(eq(schema.memberships.organisationId, other.org.id)),
    ).toHaveLength(3);

    // The consent ledger keeps its rows, without the person.
    const ledger = await db
      .select()
      .from(schema.termsAcceptances)
      .where(eq(schema.termsAcceptances.organisationId, stale.org.id));
    expect(ledger).toHaveLength(2);
    for (const row of ledger) {
      expect(row).toMatchObject({ source: "portal", acceptedBy: ERASED, acceptedByUserId: null, ip: null });
    }
    const audit = await db
      .select()
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.organisationId, stale.org.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["account.signed-up", "organisation.deleted"]);
    expect(audit.every((a) => a.actorLabel === ERASED && a.actorUserId === null)).toBe(true);

    // Nothing more to do on the next run.
    expect(await deleteUnverifiedAccounts(db)).toEqual({
      users: 0,
      organisationsDeleted: 0,
      organisationsErased: 0,
    });
    const remaining = await db
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(inArray(schema.users.id, [recent.user.id, verifiedLongAgo.user.id]));
    expect(remaining).toHaveLength(2);
  });

  it("runs as the accounts.cleanup job", async () => {
    const { jobHandlers } = await import("@/lib/server/background");
    const stale = await signedUp(8);
    await jobHandlers(db, null)["accounts.cleanup"]!.run([]);
    expect(await userExists(stale.user.id)).toBe(false);
  });
});
