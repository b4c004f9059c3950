import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as schema from "@/db/schema";
import { insertServer } from "@/lib/servers/insert-server";
import { formatServerCode } from "@/lib/servers/server-id";
import { sendTrialReminders } from "@/lib/trials/send-trial-reminders";
import { db } from "@/tests/setup/db";
import * as f from "@/tests/setup/factories";
import { withOwnDatabase } from "@/tests/setup/own-database";

// Reminders are found across the whole database, so this file has one of its own.

withOwnDatabase("trial_reminders");

const appUrl = "http://portal.test";
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Runs the use case as the clock would stand `offset` ms from `base`. */
async function runAt(base: Date, offset: number) {
  return sendTrialReminders(db, { appUrl, now: new Date(base.getTime() + offset) });
}

/** A sales-started trial of an organisation with a server, an owner and an assigned sales person. */
async function salesTrial(opts: {
  endsAt: Date;
  ownerLocale?: "de" | "en";
  salesLocale?: "de" | "en";
  owner?: boolean;
}) {
  const org = await f.makeOrg(`Muster ${f.uniq()} GmbH`);
  const owner = await f.makeUser({ locale: opts.ownerLocale ?? "de" });
  const optedOut = await f.makeUser();
  const member = await f.makeUser();
  if (opts.owner !== false) {
    await f.addMember(org.id, owner.id, "owner");
    await f.addMember(org.id, optedOut.id, "owner");
    await f.addMember(org.id, member.id, "member");
    await db
      .update(schema.memberships)
      .set({ notifyExpiry: false })
      .where(eq(schema.memberships.userId, optedOut.id));
  }
  const sales = await f.makeUser({ staff: ["sales"], locale: opts.salesLocale ?? "de" });
  const { server } = await insertServer(db, {
    name: `Zentrale ${f.uniq()}`,
    origin: "sales-trial",
    organisationId: org.id,
  });
  const contactEmail = `contact-${f.uniq()}@test.example`;
  const [trial] = await db
    .insert(schema.trials)
    .values({
      serverId: server.id,
      organisationId: org.id,
      origin: "sales-trial",
      startedByUserId: sales.id,
      salesUserId: sales.id,
      contactName: "Max Kontakt",
      contactEmail,
      locale: "en",
      startsAt: new Date(opts.endsAt.getTime() - 30 * DAY),
      endsAt: opts.endsAt,
    })
    .returning();
  return { org, owner, optedOut, member, sales, server, contactEmail, trial: trial! };
}

async function mailsTo(addresses: string[]) {
  return db
    .select()
    .from(schema.mailOutbox)
    .where(
      and(eq(schema.mailOutbox.template, "trial-reminder"), inArray(schema.mailOutbox.toAddress, addresses)),
    )
    .orderBy(schema.mailOutbox.createdAt);
}

async function subjectsTo(addresses: string[]) {
  return (await mailsTo(addresses)).map((m) => [m.toAddress, m.subject]);
}

describe("trial reminders", () => {
  it("7 days, 1 day and the end: once each to the owner and the sales person, in their languages", async () => {
    const base = new Date();
    const endsAt = new Date(base.getTime() + 10 * DAY);
    const t = await salesTrial({ endsAt, ownerLocale: "de", salesLocale: "en" });
    const everyone = [t.owner.email, t.optedOut.email, t.member.email, t.sales.email, t.contactEmail];
    const ownerSubjects = {
      week: "Ihr Testbetrieb von UCConnect endet in 7 Tagen",
      day: "Ihr Testbetrieb von UCConnect endet morgen",
      ended: "Ihr Testbetrieb von UCConnect ist beendet",
    };
    const salesSubjects = {
      week: `Trial “${t.org.name}” ends in 7 days`,
      day: `Trial “${t.org.name}” ends tomorrow`,
      ended: `Trial “${t.org.name}” has ended`,
    };

    // Ten days before the end: nothing yet.
    await runAt(base, 0);
    expect(await subjectsTo(everyone)).toEqual([]);

    // Six and a half days before the end: the 7-day reminder, twice run, once sent.
    await runAt(endsAt, -6.5 * DAY);
    await runAt(endsAt, -6 * DAY);
    let mails = await mailsTo(everyone);
    expect(mails.map((m) => [m.toAddress, m.subject]).sort()).toEqual(
      [
        [t.owner.email, ownerSubjects.week],
        [t.sales.email, salesSubjects.week],
      ].sort(),
    );
    const ownerMail = mails.find((m) => m.toAddress === t.owner.email)!;
    const date = new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "UTC" }).format(endsAt);
    expect(ownerMail.locale).toBe("de");
    expect(ownerMail.text).toContain(`„${t.org.name}“ mit dem UCServer „${t.server.name}“ endet am ${date}`);
    expect(ownerMail.text).toContain(`${appUrl}/licenses`);
    expect(ownerMail.text).not.toContain("/sign-up");
    const salesMail = mails.find((m) => m.toAddress === t.sales.email)!;
    const dateEn = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(endsAt);
    expect(salesMail.locale).toBe("en");
    expect(salesMail.text).toContain(`that you follow ends on ${dateEn}`);
    expect(salesMail.text).toContain(`${appUrl}/sales/trials/${t.trial.id}`);

    // Twelve hours before the end: the 1-day reminder, once.
    await runAt(endsAt, -12 * HOUR);
    await runAt(endsAt, -11 * HOUR);
    expect((await subjectsTo(everyone)).slice(2).sort()).toEqual(
      [
        [t.owner.email, ownerSubjects.day],
        [t.sales.email, salesSubjects.day],
      ].sort(),
    );

    // An hour after the end, and the days after it: the end reminder, once.
    await runAt(endsAt, HOUR);
    await runAt(endsAt, 3 * DAY);
    mails = await mailsTo(everyone);
    expect(
      mails
        .slice(4)
        .map((m) => [m.toAddress, m.subject])
        .sort(),
    ).toEqual(
      [
        [t.owner.email, ownerSubjects.ended],
        [t.sales.email, salesSubjects.ended],
      ].sort(),
    );
    expect(mails.find((m) => m.subject === ownerSubjects.ended)!.text).toContain(
      "Push-Benachrichtigungen, TURN sowie die Berechtigungen für mobile Benutzer und Audio/Video sind jetzt abgeschaltet",
    );
    expect(mails).toHaveLength(6);
  });

  it("writes to the trial's contact while no owner has joined, and to the owner once one has", async () => {
    const endsAt = new Date(Date.now() + 30 * DAY);
    const t = await salesTrial({ endsAt, owner: false });
    await runAt(endsAt, -5 * DAY);
    let mails = await mailsTo([t.contactEmail, t.owner.email]);
    expect(mails.map((m) => [m.toAddress, m.toName, m.locale, m.subject])).toEqual([
      [t.contactEmail, "Max Kontakt", "en", "Your UCConnect trial ends in 7 days"],
    ]);
    expect(mails[0]!.text).toContain(`the UCConnect trial for “${t.org.name}”`);

    await f.addMember(t.org.id, t.owner.id, "owner");
    await runAt(endsAt, -2 * HOUR);
    mails = await mailsTo([t.contactEmail, t.owner.email]);
    expect(mails.slice(1).map((m) => [m.toAddress, m.subject])).toEqual([
      [t.owner.email, "Ihr Testbetrieb von UCConnect endet morgen"],
    ]);

    // An unclaimed self-started trial: no organisation, the contact gets it, with the Server-ID
    // only: the server's name came with the same unauthenticated request as the address.
    const { server } = await insertServer(db, {
      name: `Selbst ${f.uniq()}`,
      origin: "ucserver-trial",
      organisationId: null,
    });
    const contact = `self-${f.uniq()}@test.example`;
    await db.insert(schema.trials).values({
      serverId: server.id,
      origin: "ucserver-trial",
      contactEmail: contact,
      locale: "de",
      startsAt: new Date(endsAt.getTime() - 30 * DAY),
      endsAt,
    });
    await runAt(endsAt, -2 * HOUR);
    mails = await mailsTo([contact]);
    expect(mails.map((m) => [m.locale, m.subject])).toEqual([
      ["de", "Ihr Testbetrieb von UCConnect endet morgen"],
    ]);
    expect(mails[0]!.text).toContain(`für „UCServer ${formatServerCode(server.code)}“ endet am`);
    expect(mails[0]!.text).not.toContain(server.name);
    // Nobody has an account for it yet: the mail leads to sign-up, which goes on to the claim form
    // with the Server-ID filled in, and to that form for people who have one; not to /licenses.
    const claimPath = `/servers/claim?serverId=${formatServerCode(server.code)}`;
    const signUp = `${appUrl}/sign-up?next=${encodeURIComponent(claimPath)}`;
    expect(mails[0]!.text).toContain(signUp);
    expect(mails[0]!.text).toContain(`${appUrl}${claimPath}`);
    expect(mails[0]!.html).toContain(`href="${signUp}"`);
    expect(mails[0]!.html).toContain(`href="${appUrl}${claimPath}"`);
    expect(mails[0]!.text).toContain("Konto anlegen und UCServer übernehmen");
    expect(mails[0]!.text).not.toContain(`${appUrl}/licenses`);
  });

  it("a trial found with 12 hours left gets the 1-day reminder, never a late 7-day one", async () => {
    const base = new Date(Date.now() + 60 * DAY);
    const t = await salesTrial({ endsAt: new Date(base.getTime() + 12 * HOUR) });
    await runAt(base, 0);
    await runAt(base, HOUR);
    expect(await subjectsTo([t.owner.email])).toEqual([
      [t.owner.email, "Ihr Testbetrieb von UCConnect endet morgen"],
    ]);
    await runAt(base, 13 * HOUR);
    expect(await subjectsTo([t.owner.email])).toEqual([
      [t.owner.email, "Ihr Testbetrieb von UCConnect endet morgen"],
      [t.owner.email, "Ihr Testbetrieb von UCConnect ist beendet"],
    ]);
  });

  it("old ended, converted and merged trials, opted-out owners and disabled sales people get nothing", async () => {
    const endsAt = new Date(Date.now() + 90 * DAY);
    const old = await salesTrial({ endsAt });
    const converted = await salesTrial({ endsAt });
    await db
      .update(schema.trials)
      .set({ convertedAt: new Date(), convertedByUserId: converted.sales.id })
      .where(eq(schema.trials.id, converted.trial.id));
    const merged = await salesTrial({ endsAt });
    await db
      .update(schema.trials)
      .set({ mergedIntoId: old.trial.id, organisationId: null })
      .where(eq(schema.trials.id, merged.trial.id));
    const disabled = await salesTrial({ endsAt });
    await db
      .update(schema.users)
      .set({ disabledAt: new Date() })
      .where(eq(schema.users.id, disabled.sales.id));
    // Its only owner turned expiry mail off: the contact does not stand in for them.
    const optedOut = await salesTrial({ endsAt, owner: false });
    await f.addMember(optedOut.org.id, optedOut.optedOut.id, "owner");
    await db
      .update(schema.memberships)
      .set({ notifyExpiry: false })
      .where(eq(schema.memberships.userId, optedOut.optedOut.id));
    const quiet = [
      ...[converted, merged].flatMap((t) => [t.owner.email, t.sales.email, t.contactEmail]),
      optedOut.optedOut.email,
      optedOut.contactEmail,
    ];

    // Found only eight days after its end: too old for any mail.
    await runAt(endsAt, 8 * DAY);
    expect(await subjectsTo([old.owner.email, old.sales.email])).toEqual([]);

    for (const offset of [-6 * DAY, -12 * HOUR, HOUR]) await runAt(endsAt, offset);
    expect(await subjectsTo(quiet)).toEqual([]);
    expect(await subjectsTo([disabled.sales.email])).toEqual([]);
    // The disabled sales person's trial itself was reminded: its owner got all three.
    expect(await subjectsTo([disabled.owner.email])).toHaveLength(3);
  });

  it("an extension re-arms the reminders for the new end", async () => {
    const base = new Date(Date.now() + 120 * DAY);
    const firstEnd = new Date(base.getTime() + 5 * DAY);
    const t = await salesTrial({ endsAt: firstEnd, salesLocale: "de" });
    await runAt(base, 0);
    expect(await subjectsTo([t.sales.email])).toEqual([
      [t.sales.email, `Testbetrieb „${t.org.name}“ endet in 7 Tagen`],
    ]);

    const newEnd = new Date(firstEnd.getTime() + 14 * DAY);
    await db
      .update(schema.trials)
      .set({ endsAt: newEnd, extendedAt: base, extensionDays: 14, extensionReason: "Pilot verlängert" })
      .where(eq(schema.trials.id, t.trial.id));
    // The old end passes without mail; the new one is reminded at 7 days, once.
    await runAt(firstEnd, HOUR);
    await runAt(newEnd, -6 * DAY);
    await runAt(newEnd, -5 * DAY);
    const mails = await mailsTo([t.sales.email]);
    expect(mails.map((m) => m.subject)).toEqual([
      `Testbetrieb „${t.org.name}“ endet in 7 Tagen`,
      `Testbetrieb „${t.org.name}“ endet in 7 Tagen`,
    ]);
    const date = new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "UTC" }).format(newEnd);
    expect(mails[1]!.text).toContain(`endet am ${date}`);
  });

  it("concurrent runs send each reminder once", async () => {
    const endsAt = new Date(Date.now() + 300 * DAY);
    const t = await salesTrial({ endsAt });
    const now = new Date(endsAt.getTime() - 3 * DAY);
    const results = await Promise.all([1, 2, 3].map(() => sendTrialReminders(db, { appUrl, now })));
    expect((await subjectsTo([t.owner.email, t.sales.email])).sort()).toEqual(
      [
        [t.owner.email, "Ihr Testbetrieb von UCConnect endet in 7 Tagen"],
        [t.sales.email, `Testbetrieb „${t.org.name}“ endet in 7 Tagen`],
      ].sort(),
    );
    expect(results.reduce((n, r) => n + r.reminders, 0)).toBe(1);
    expect(results.reduce((n, r) => n + r.mailed, 0)).toBe(2);
  });
});
