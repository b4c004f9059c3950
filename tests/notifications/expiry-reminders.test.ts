import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { seedReference } from "@/db/seed-reference";
import { sendExpiryReminders } from "@/lib/notifications/send-expiry-reminders";
import { insertServer } from "@/lib/servers/insert-server";
import { db } from "@/tests/setup/db";
import * as f from "@/tests/setup/factories";
import { withOwnDatabase } from "@/tests/setup/own-database";

// Reminders are found across the whole database, so this file has one of its own.
withOwnDatabase("notify_expiry");

beforeAll(async () => {
  await seedReference(db);
});

const appUrl = "http://portal.test";
const DAY = 86_400_000;

async function setup() {
  const org = await f.makeOrg();
  const owner = await f.makeUser();
  const optedOut = await f.makeUser();
  const member = await f.makeUser();
  await f.addMember(org.id, owner.id, "owner");
  await f.addMember(org.id, optedOut.id, "owner");
  await f.addMember(org.id, member.id, "member");
  await db
    .update(schema.memberships)
    .set({ notifyExpiry: false })
    .where(eq(schema.memberships.userId, optedOut.id));
  const { server } = await insertServer(db, {
    name: `Filiale ${f.uniq()}`,
    origin: "portal",
    organisationId: org.id,
  });
  return { org, owner, optedOut, member, server };
}

async function license(
  serverId: string,
  organisationId: string,
  validUntil: Date,
  opts: { productKey?: string; trial?: boolean } = {},
) {
  const [l] = await db
    .insert(schema.licenses)
    .values({
      serverId,
      organisationId,
      productKey: opts.productKey ?? "mobile-users",
      quantity: 1,
      validFrom: new Date(),
      validUntil,
      trial: opts.trial ?? false,
    })
    .returning();
  return l!;
}

async function mailsTo(addresses: string[]) {
  return db
    .select()
    .from(schema.mailOutbox)
    .where(
      and(eq(schema.mailOutbox.template, "expiry-reminder"), inArray(schema.mailOutbox.toAddress, addresses)),
    );
}

describe("expiry reminders", () => {
  it("a license: once at 14 days, once at 3 days, only to owners who want them", async () => {
    const s = await setup();
    const now = new Date();
    await license(s.server.id, s.org.id, new Date(now.getTime() + 13 * DAY));
    // Far off and already expired: nothing.
    await license(s.server.id, s.org.id, new Date(now.getTime() + 40 * DAY));
    await license(s.server.id, s.org.id, new Date(now.getTime() - DAY));
    await sendExpiryReminders(db, { appUrl, now });
    await sendExpiryReminders(db, { appUrl, now });
    let mails = await mailsTo([s.owner.email, s.optedOut.email, s.member.email]);
    expect(mails.map((m) => [m.toAddress, m.subject])).toEqual([
      [s.owner.email, "Ihre Lizenz „Mobile Benutzer“ läuft in 14 Tagen ab"],
    ]);
    // Eleven days later: the 3-day reminder, once.
    const later = new Date(now.getTime() + 11 * DAY);
    await sendExpiryReminders(db, { appUrl, now: later });
    await sendExpiryReminders(db, { appUrl, now: later });
    mails = await mailsTo([s.owner.email, s.optedOut.email, s.member.email]);
    expect(mails.map((m) => m.subject).sort()).toEqual([
      "Ihre Lizenz „Mobile Benutzer“ läuft in 14 Tagen ab",
      "Ihre Lizenz „Mobile Benutzer“ läuft in 3 Tagen ab",
    ]);
  });

  it("a license found with 2 days left gets only the 3-day reminder; concurrent runs send once", async () => {
    const s = await setup();
    await license(s.server.id, s.org.id, new Date(Date.now() + 2 * DAY));
    await Promise.all([1, 2, 3].map(() => sendExpiryReminders(db, { appUrl })));
    const mails = await mailsTo([s.owner.email]);
    expect(mails.map((m) => m.subject)).toEqual(["Ihre Lizenz „Mobile Benutzer“ läuft in 3 Tagen ab"]);
  });

  it("leaves trials to the trial reminders (tests/sales/trial-reminders.test.ts)", async () => {
    const s = await setup();
    const now = new Date();
    await db.insert(schema.trials).values({
      serverId: s.server.id,
      organisationId: s.org.id,
      origin: "sales-trial",
      startsAt: now,
      endsAt: new Date(now.getTime() + 2 * DAY),
    });
    // The trial's license row ends with the trial, beside a bought one ending the same day.
    const trialLicense = await license(s.server.id, s.org.id, new Date(now.getTime() + 2 * DAY), {
      productKey: "audio-video-users",
      trial: true,
    });
    await license(s.server.id, s.org.id, new Date(now.getTime() + 2 * DAY));
    await sendExpiryReminders(db, { appUrl, now });
    const mails = await mailsTo([s.owner.email]);
    // The license's reminder shows the run happened; the trial is not this use case's business.
    expect(mails.map((m) => m.subject)).toEqual(["Ihre Lizenz „Mobile Benutzer“ läuft in 3 Tagen ab"]);
    const claimed = await db
      .select()
      .from(schema.remindersSent)
      .where(eq(schema.remindersSent.subjectId, trialLicense.id));
    expect(claimed).toEqual([]);
  });
});
