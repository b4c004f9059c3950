import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { appInvitations, servers, termsDocuments } from "@/db/schema";
import { seedReference } from "@/db/seed-reference";
import { getOnboarding } from "@/lib/dashboard/get-onboarding";
import { acceptTermsInPortal } from "@/lib/terms/accept-terms-in-portal";
import { db } from "@/tests/setup/db";
import { makeOrgWithPeople } from "@/tests/setup/factories";
import { addServer } from "./fleet";

// The catalogue and the current terms, which the run's database starts without.
beforeAll(() => seedReference(db));

const done = (o: Awaited<ReturnType<typeof getOnboarding>>) =>
  Object.fromEntries(o.steps.map((s) => [s.step, s.done]));

describe("onboarding", () => {
  it("marks each step done from the data, in order, and is complete once all are", async () => {
    const { org, owner, member } = await makeOrgWithPeople();
    let onboarding = await getOnboarding(db, member.actor);
    expect(onboarding.steps.map((s) => s.step)).toEqual(["server", "terms", "invitations"]);
    expect(done(onboarding)).toEqual({ server: false, terms: false, invitations: false });
    expect(onboarding).toMatchObject({ complete: false, hasServer: false });

    const server = await addServer(org.id);
    expect(done(await getOnboarding(db, member.actor))).toEqual({
      server: true,
      terms: false,
      invitations: false,
    });

    const docs = await db.select().from(termsDocuments).where(eq(termsDocuments.isCurrent, true));
    // One document of three is not enough.
    await acceptTermsInPortal(db, owner.actor, {
      accept: [{ kind: docs[0]!.kind, version: docs[0]!.version }],
    });
    expect(done(await getOnboarding(db, member.actor)).terms).toBe(false);
    await acceptTermsInPortal(db, owner.actor, {
      accept: docs.map((d) => ({ kind: d.kind, version: d.version })),
    });
    expect(done(await getOnboarding(db, member.actor)).terms).toBe(true);

    await db.insert(appInvitations).values({
      organisationId: org.id,
      serverId: server.id,
      batchId: randomUUID(),
      recipientName: "Erika Muster",
      email: "erika@test.example",
      locale: "de",
    });
    onboarding = await getOnboarding(db, member.actor);
    expect(done(onboarding)).toEqual({ server: true, terms: true, invitations: true });
    expect(onboarding).toMatchObject({ complete: true, hasServer: true });
  });

  it("does not count a deleted server or another organisation's progress", async () => {
    const { org, member } = await makeOrgWithPeople();
    await addServer(org.id, { deletedAt: new Date() });
    const other = await makeOrgWithPeople();
    const theirs = await addServer(other.org.id);
    await db.insert(appInvitations).values({
      organisationId: other.org.id,
      serverId: theirs.id,
      batchId: randomUUID(),
      recipientName: "Max",
      email: "max@test.example",
      locale: "en",
    });
    const onboarding = await getOnboarding(db, member.actor);
    expect(done(onboarding)).toEqual({ server: false, terms: false, invitations: false });
    expect(onboarding.hasServer).toBe(false);
    // The other organisation's own view is unaffected by ours.
    expect(done(await getOnboarding(db, other.member.actor)).invitations).toBe(true);
    await db.update(servers).set({ deletedAt: new Date() }).where(eq(servers.id, theirs.id));
    expect((await getOnboarding(db, other.member.actor)).hasServer).toBe(false);
  });
});
