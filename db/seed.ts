import { eq, sql } from "drizzle-orm";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { refreshLicenseState } from "@/lib/licenses/refresh-license-state";
import { startTrial } from "@/lib/trials/start-trial";
import { startTrialForProspect } from "@/lib/trials/start-trial-for-prospect";
import type { Db } from "./client";
import { licenses, memberships, organisations, servers, trials, users } from "./schema";

/** The demo accounts a newcomer signs in with; printed at start and listed in the README. */
export const DEMO_ACCOUNTS = [
  { email: "owner@muster.example", password: "Demo-Owner-2026", name: "Erika Mustermann", role: "owner" },
  { email: "admin@muster.example", password: "Demo-Admin-2026", name: "Max Mustermann", role: "admin" },
  { email: "member@muster.example", password: "Demo-Member-2026", name: "Mia Muster", role: "member" },
  { email: "sales@ucconnect.example", password: "Demo-Sales-2026", name: "Sam Sales", staff: "sales" },
  {
    email: "operator@ucconnect.example",
    password: "Demo-Operator-2026",
    name: "Olga Operator",
    staff: "operator",
  },
] as const;

export async function isSeeded(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS[0].email));
  return !!row;
}

/** Creates the demo organisation "Muster GmbH" and the demo accounts. Does nothing if they exist. */
export async function seedDemo(db: Db): Promise<boolean> {
  if (await isSeeded(db)) return false;
  const hashes = await Promise.all(DEMO_ACCOUNTS.map((a) => hashPassword(a.password)));
  await db.transaction(async (tx) => {
    const [org] = await tx.insert(organisations).values({ name: "Muster GmbH" }).returning();
    for (const [i, a] of DEMO_ACCOUNTS.entries()) {
      const [user] = await tx
        .insert(users)
        .values({
          email: a.email,
          name: a.name,
          passwordHash: hashes[i],
          locale: "de",
          staffRoles: "staff" in a ? [a.staff] : [],
          emailVerifiedAt: new Date(),
        })
        .returning();
      if ("role" in a)
        await tx.insert(memberships).values({ organisationId: org!.id, userId: user!.id, role: a.role });
    }
  });
  await seedDemoTrials(db);
  return true;
}

/**
 * As if `days` (fractions too) had passed for one trial: its dates and its server's license
 * validity move back by as much, which is the same as time passing for both the portal and
 * PostgreSQL. For demo data and for tests of expiry.
 */
export async function ageTrial(db: Db, trialId: string, days: number) {
  const shift = sql`make_interval(secs => ${days * 86_400})`;
  const [t] = await db
    .update(trials)
    .set({ startsAt: sql`starts_at - ${shift}`, endsAt: sql`ends_at - ${shift}` })
    .where(eq(trials.id, trialId))
    .returning();
  if (t?.serverId) {
    await db
      .update(licenses)
      .set({ validFrom: sql`valid_from - ${shift}`, validUntil: sql`valid_until - ${shift}` })
      .where(eq(licenses.serverId, t.serverId));
    await refreshLicenseState(db, t.serverId);
  }
}

/** A sales pipeline to look at: prospects in every state and one trial a UCServer started itself. */
async function seedDemoTrials(db: Db) {
  const [salesUser] = await db.select().from(users).where(eq(users.email, "sales@ucconnect.example"));
  if (!salesUser) return;
  const sales: Actor = {
    userId: salesUser.id,
    email: salesUser.email,
    name: salesUser.name,
    locale: "de",
    staffRoles: ["sales"],
    sessionId: "seed",
    ip: null,
    org: null,
    organisations: [],
  };
  const prospect = (company: string, contactName: string, contactEmail: string, preRegister: boolean) =>
    startTrialForProspect(db, sales, { company, contactName, contactEmail, locale: "de", preRegister });
  const logistik = await prospect(
    "Beispiel Logistik GmbH",
    "Paula Beispiel",
    "paula@beispiel-logistik.example",
    true,
  );
  await ageTrial(db, logistik.trialId, 9);
  // It has been reporting: last seen a while ago with its users.
  await db
    .update(servers)
    .set({
      status: "offline",
      lastSeenAt: sql`now() - interval '3 hours'`,
      ucserverVersion: "6.4.0.1234",
      usersTotal: 84,
      usersMobile: 21,
      usersAudioVideo: 6,
    })
    .where(eq(servers.id, logistik.server!.id));
  await prospect("Nordlicht Praxis", "Dr. Nora Licht", "nora@nordlicht-praxis.example", false);
  const sonnenschein = await prospect("Sonnenschein AG", "Sven Sonne", "it@sonnenschein.example", true);
  await ageTrial(db, sonnenschein.trialId, 25);
  const alt = await prospect("Alt & Neu KG", "Anton Alt", "anton@alt-neu.example", false);
  await ageTrial(db, alt.trialId, 33);
  await db.transaction((tx) =>
    startTrial(
      tx,
      { userId: null, label: "ucserver", ip: null },
      {
        origin: "ucserver-trial",
        organisationId: null,
        server: { name: "UCServer Lager Süd", ucserverVersion: "6.4.0.1234" },
        contactEmail: "edv@lager-sued.example",
        locale: "de",
        startedByUserId: null,
        ip: null,
      },
    ),
  );
}
