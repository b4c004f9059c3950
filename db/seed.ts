import { eq } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "./client";
import { memberships, organisations, users } from "./schema";

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
  return true;
}
