import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { servers, termsDocuments, trials } from "@/db/schema";
import { seedReference } from "@/db/seed-reference";
import { getFleetDashboard } from "@/lib/dashboard/get-fleet-dashboard";
import { isAppError } from "@/lib/errors";
import { acceptTermsInPortal } from "@/lib/terms/accept-terms-in-portal";
import { db } from "@/tests/setup/db";
import { actorFor, makeOrgWithPeople, makeUser } from "@/tests/setup/factories";
import { addLicense, addServer, addServers, addStatusEvent, DAY, fromNow } from "./fleet";

// The catalogue and the current terms, which the run's database starts without.
beforeAll(() => seedReference(db));

const HOUR = 3_600_000;

async function acceptAllTerms(actor: Awaited<ReturnType<typeof makeOrgWithPeople>>["owner"]["actor"]) {
  const docs = await db.select().from(termsDocuments).where(eq(termsDocuments.isCurrent, true));
  await acceptTermsInPortal(db, actor, { accept: docs.map((d) => ({ kind: d.kind, version: d.version })) });
}

describe("fleet dashboard: counts", () => {
  it("counts the organisation's servers by status; deleted ones never, another organisation's never", async () => {
    const { org, member } = await makeOrgWithPeople();
    await addServers(org.id, 3, "online");
    await addServers(org.id, 2, "late");
    await addServers(org.id, 4, "offline");
    await addServers(org.id, 1, "never-connected");
    await addServer(org.id, { status: "online", deletedAt: new Date() });
    const other = await makeOrgWithPeople();
    await addServers(other.org.id, 7, "offline");
    await addServers(other.org.id, 5, "online");

    const { counts } = await getFleetDashboard(db, member.actor);
    expect(counts).toEqual({ total: 10, online: 3, late: 2, offline: 4, neverConnected: 1 });
    const theirs = await getFleetDashboard(db, other.member.actor);
    expect(theirs.counts).toEqual({ total: 12, online: 5, late: 0, offline: 7, neverConnected: 0 });
  });

  it("moves when a server's status changes", async () => {
    const { org, member } = await makeOrgWithPeople();
    const s = await addServer(org.id, { status: "online" });
    expect((await getFleetDashboard(db, member.actor)).counts.online).toBe(1);
    await db.update(servers).set({ status: "offline" }).where(eq(servers.id, s.id));
    const { counts } = await getFleetDashboard(db, member.actor);
    expect(counts).toMatchObject({ online: 0, offline: 1 });
  });

  it("is refused to someone without an organisation", async () => {
    const user = await makeUser();
    const error = await getFleetDashboard(db, await actorFor(user)).catch((e: unknown) => e);
    expect(isAppError(error) && error.code).toBe("not-found");
  });
});

describe("fleet dashboard: needs attention", () => {
  it("shows nothing for a healthy fleet", async () => {
    const { org, owner } = await makeOrgWithPeople();
    await acceptAllTerms(owner.actor);
    const s = await addServer(org.id, { status: "online", ucserverVersion: "6.4.0.1", usersMobile: 5 });
    await addLicense(org.id, s.id, "mobile-users", { quantity: 10 });
    await addLicense(org.id, s.id, "ucconnect-base", { validUntil: fromNow(60 * DAY) });
    const { attention } = await getFleetDashboard(db, owner.actor);
    expect(attention).toMatchObject({
      offline: { items: [], total: 0 },
      terms: null,
      overLicense: { items: [], total: 0 },
      trialEndsAt: null,
      expiringLicenses: { items: [], total: 0 },
      outdated: null,
      total: 0,
    });
  });

  it("lists offline servers (not disabled ones), the latest drop first, 20 of them with the total", async () => {
    const { org, member } = await makeOrgWithPeople();
    const early = await addServer(org.id, { status: "offline", statusChangedAt: fromNow(-2 * HOUR) });
    const late = await addServer(org.id, { status: "offline", statusChangedAt: fromNow(-HOUR) });
    await addServer(org.id, { status: "offline", disabledAt: new Date() });
    await addServer(org.id, { status: "online" });
    let { attention } = await getFleetDashboard(db, member.actor);
    expect(attention.offline.items.map((s) => s.id)).toEqual([late.id, early.id]);
    expect(attention.offline.total).toBe(2);

    await addServers(org.id, 25, "offline", fromNow(-3 * HOUR));
    ({ attention } = await getFleetDashboard(db, member.actor));
    expect(attention.offline.items).toHaveLength(20);
    expect(attention.offline.total).toBe(27);
  });

  it("names the terms the organisation has not accepted while a server lacks them, and not after", async () => {
    const { org, owner } = await makeOrgWithPeople();
    await addServer(org.id, { status: "online", termsAccepted: false });
    let { attention } = await getFleetDashboard(db, owner.actor, { locale: "en" });
    expect(attention.terms?.servers).toBe(1);
    expect(attention.terms?.documents.map((d) => d.kind).sort()).toEqual([
      "data-processing-agreement",
      "license-terms",
      "privacy-policy",
    ]);
    expect(attention.terms?.documents.find((d) => d.kind === "privacy-policy")?.title).toBe("Privacy policy");

    await acceptAllTerms(owner.actor);
    ({ attention } = await getFleetDashboard(db, owner.actor));
    expect(attention.terms).toBeNull();
  });

  it("lists servers whose reported users exceed what their active licenses grant", async () => {
    const { org, member } = await makeOrgWithPeople();
    const within = await addServer(org.id, { name: "Within", usersMobile: 10, usersAudioVideo: 2 });
    await addLicense(org.id, within.id, "mobile-users", { quantity: 10 });
    await addLicense(org.id, within.id, "audio-video-users", { quantity: 2 });
    const over = await addServer(org.id, { name: "Over", usersMobile: 4, usersAudioVideo: 3 });
    await addLicense(org.id, over.id, "mobile-users", { quantity: 10 });
    await addLicense(org.id, over.id, "audio-video-users", { quantity: 1 });
    // An expired or revoked license grants nothing.
    const lapsed = await addServer(org.id, { name: "Lapsed", usersMobile: 12 });
    await addLicense(org.id, lapsed.id, "mobile-users", { quantity: 20, validUntil: fromNow(-DAY) });
    await addLicense(org.id, lapsed.id, "mobile-users", { quantity: 20, revokedAt: new Date() });
    // Not reported yet: nothing to compare.
    await addServer(org.id, { name: "Silent" });

    const { attention } = await getFleetDashboard(db, member.actor);
    expect(attention.overLicense.total).toBe(2);
    expect(attention.overLicense.items.map((s) => s.name)).toEqual(["Lapsed", "Over"]);
    expect(attention.overLicense.items[1]).toMatchObject({
      mobile: { used: 4, owned: 10 },
      audioVideo: { used: 3, owned: 1 },
    });
  });

  it("warns of licenses and the trial ending within 14 days, not later ones, renewed or trial licenses", async () => {
    const { org, member } = await makeOrgWithPeople();
    const s = await addServer(org.id, { name: "Zentrale" });
    const soon = await addLicense(org.id, s.id, "mobile-users", {
      quantity: 5,
      validUntil: fromNow(5 * DAY),
    });
    await addLicense(org.id, null, "ucconnect-base", { validUntil: fromNow(10 * DAY) });
    await addLicense(org.id, s.id, "ucconnect-base", { validUntil: fromNow(30 * DAY) });
    await addLicense(org.id, s.id, "audio-video-users", {
      validUntil: fromNow(3 * DAY),
      revokedAt: new Date(),
    });
    await addLicense(org.id, s.id, "audio-video-users", { validUntil: fromNow(-DAY) });
    await addLicense(org.id, s.id, "audio-video-users", { validUntil: fromNow(4 * DAY), trial: true });
    // Renewed: the next license of the product on the server starts when this one ends.
    const renewed = await addLicense(org.id, s.id, "audio-video-users", {
      quantity: 2,
      validUntil: fromNow(6 * DAY),
    });
    await addLicense(org.id, s.id, "audio-video-users", {
      quantity: 2,
      validFrom: renewed.validUntil!,
      validUntil: fromNow(371 * DAY),
    });

    let { attention } = await getFleetDashboard(db, member.actor, { locale: "en" });
    expect(attention.trialEndsAt).toBeNull();
    expect(attention.expiringLicenses.total).toBe(2);
    expect(attention.expiringLicenses.items[0]).toMatchObject({
      id: soon.id,
      productName: "Mobile users",
      quantity: 5,
      server: { id: s.id, name: "Zentrale" },
    });
    expect(attention.expiringLicenses.items[1]?.server).toBeNull();

    const [trial] = await db
      .insert(trials)
      .values({
        organisationId: org.id,
        origin: "sales-trial",
        startsAt: fromNow(-20 * DAY),
        endsAt: fromNow(20 * DAY),
      })
      .returning();
    expect((await getFleetDashboard(db, member.actor)).attention.trialEndsAt).toBeNull();
    const endsAt = fromNow(9 * DAY);
    await db.update(trials).set({ endsAt }).where(eq(trials.id, trial!.id));
    ({ attention } = await getFleetDashboard(db, member.actor));
    expect(attention.trialEndsAt?.getTime()).toBe(endsAt.getTime());
    await db.update(trials).set({ convertedAt: new Date() }).where(eq(trials.id, trial!.id));
    expect((await getFleetDashboard(db, member.actor)).attention.trialEndsAt).toBeNull();
  });

  it("lists servers older than the newest version seen, comparing versions numerically", async () => {
    const { org, member } = await makeOrgWithPeople();
    const old = await addServer(org.id, { name: "Old", ucserverVersion: "6.9.2.100" });
    await addServer(org.id, { name: "New", ucserverVersion: "6.10.0.5" });
    await addServer(org.id, { name: "Unknown", ucserverVersion: null });
    const { attention } = await getFleetDashboard(db, member.actor);
    // As text "6.9" sorts after "6.10": a text comparison would call the wrong one old.
    expect(attention.outdated?.newest).toBe("6.10.0.5");
    expect(attention.outdated?.servers).toEqual({
      items: [{ id: old.id, serverId: expect.any(String), name: "Old", version: "6.9.2.100" }],
      total: 1,
    });
  });

  it("names no outdated server while all run the same version", async () => {
    const { org, member } = await makeOrgWithPeople();
    await addServer(org.id, { ucserverVersion: "6.4.0.1" });
    await addServer(org.id, { ucserverVersion: "6.4.0.1" });
    expect((await getFleetDashboard(db, member.actor)).attention.outdated).toBeNull();
  });

  it("never shows another organisation's servers or licenses", async () => {
    const mine = await makeOrgWithPeople();
    await addServer(mine.org.id, { status: "online", ucserverVersion: "6.4.0.1" });
    const other = await makeOrgWithPeople();
    const theirs = await addServer(other.org.id, {
      status: "offline",
      ucserverVersion: "9.0.0.0",
      usersMobile: 50,
      termsAccepted: false,
    });
    await addLicense(other.org.id, theirs.id, "mobile-users", { validUntil: fromNow(2 * DAY) });
    await addStatusEvent(theirs.id, "online", "offline", new Date());
    const { counts, attention, usage, recent } = await getFleetDashboard(db, mine.member.actor);
    expect(counts.total).toBe(1);
    expect(attention.total).toBe(0);
    expect(attention.offline.total).toBe(0);
    expect(attention.outdated).toBeNull();
    expect(usage).toEqual([]);
    expect(recent).toEqual([]);
  });
});

describe("fleet dashboard: license use and status changes", () => {
  it("sums license use per product across the organisation", async () => {
    const { org, member } = await makeOrgWithPeople();
    const a = await addServer(org.id, { usersMobile: 7, usersAudioVideo: 1 });
    const b = await addServer(org.id, { usersMobile: 5, usersAudioVideo: 0 });
    await addLicense(org.id, a.id, "mobile-users", { quantity: 10 });
    await addLicense(org.id, b.id, "mobile-users", { quantity: 5 });
    await addLicense(org.id, a.id, "ucconnect-base");
    await addLicense(org.id, null, "ucconnect-base");
    await addLicense(org.id, b.id, "ucconnect-base", { validUntil: fromNow(-DAY) });
    const { usage } = await getFleetDashboard(db, member.actor, { locale: "en" });
    expect(usage.map(({ key, measure, used, owned }) => ({ key, measure, used, owned }))).toEqual([
      { key: "ucconnect-base", measure: "assigned", used: 1, owned: 2 },
      { key: "mobile-users", measure: "mobile-users", used: 12, owned: 15 },
      // Reported without a license: shown, and alarming.
      { key: "audio-video-users", measure: "audio-video-users", used: 1, owned: 0 },
    ]);
    expect(usage.find((u) => u.key === "audio-video-users")?.level).toBe("alert");
  });

  it("lists the newest status changes first, ten of them", async () => {
    const { org, member } = await makeOrgWithPeople();
    const s = await addServer(org.id, { status: "online", statusChangedAt: fromNow(-60_000) });
    for (let i = 12; i >= 1; i--) {
      await addStatusEvent(
        s.id,
        i % 2 ? "online" : "offline",
        i % 2 ? "offline" : "online",
        fromNow(-i * 60_000),
      );
    }
    const { recent } = await getFleetDashboard(db, member.actor);
    expect(recent).toHaveLength(10);
    expect(recent[0]).toMatchObject({ server: { id: s.id, name: s.name }, to: "offline" });
    expect(recent.map((e) => e.at.getTime())).toEqual(
      [...recent.map((e) => e.at.getTime())].sort((x, y) => y - x),
    );
    expect(Date.now() - recent[0]!.at.getTime()).toBeLessThan(2 * 60_000);
  });

  it("finds the newest changes even behind many servers that changed later without one", async () => {
    const { org, member } = await makeOrgWithPeople();
    const s = await addServer(org.id, { status: "offline", statusChangedAt: fromNow(-2 * HOUR) });
    await addStatusEvent(s.id, "online", "offline", fromNow(-2 * HOUR));
    await addStatusEvent(s.id, "never-connected", "online", fromNow(-3 * HOUR));
    // Newly registered: their last change (creation) is newer, but they have no history.
    await addServers(org.id, 80, "never-connected", fromNow(-HOUR));
    const other = await addServer(org.id, { status: "online", statusChangedAt: fromNow(-4 * HOUR) });
    await addStatusEvent(other.id, "never-connected", "online", fromNow(-4 * HOUR));
    const { recent } = await getFleetDashboard(db, member.actor);
    expect(recent.map((e) => [e.server.id, e.to])).toEqual([
      [s.id, "offline"],
      [s.id, "online"],
      [other.id, "online"],
    ]);
  });
});
