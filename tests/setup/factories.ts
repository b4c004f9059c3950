import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { memberships, type OrgRole, organisations, users } from "@/db/schema";
import type { Actor, StaffRole } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { db as fileDb } from "@/tests/setup/db";

export const uniq = () => randomBytes(5).toString("hex");

/** A person with an account; verified unless `verified: false` (a sign-up whose link is not used yet). */
export async function makeUser(
  opts: {
    password?: string;
    staff?: StaffRole[];
    locale?: "de" | "en";
    name?: string;
    verified?: boolean;
  } = {},
  db: Db = fileDb,
) {
  const email = `u-${uniq()}@test.example`;
  const [user] = await db
    .insert(users)
    .values({
      email,
      name: opts.name ?? `User ${email}`,
      passwordHash: opts.password ? await hashPassword(opts.password) : null,
      staffRoles: opts.staff ?? [],
      locale: opts.locale ?? "de",
      emailVerifiedAt: opts.verified === false ? null : new Date(),
    })
    .returning();
  return user!;
}

export async function makeOrg(name = `Org ${uniq()}`, db: Db = fileDb) {
  const [org] = await db.insert(organisations).values({ name }).returning();
  return org!;
}

export async function addMember(organisationId: string, userId: string, role: OrgRole, db: Db = fileDb) {
  await db.insert(memberships).values({ organisationId, userId, role });
}

/** An Actor as the request context would build it, for calling use cases directly. */
export async function actorFor(
  user: { id: string; email: string; name: string; locale: "de" | "en"; staffRoles: string[] },
  org?: { id: string; name: string; role: OrgRole },
): Promise<Actor> {
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    staffRoles: user.staffRoles as StaffRole[],
    sessionId: "test",
    ip: "127.0.0.1",
    org: org ?? null,
    organisations: org ? [org] : [],
  };
}

/** An organisation with an owner, an admin and a member, each with an Actor. */
export async function makeOrgWithPeople(db: Db = fileDb) {
  const org = await makeOrg(undefined, db);
  const people = {} as Record<OrgRole, Awaited<ReturnType<typeof makeUser>> & { actor: Actor }>;
  for (const role of ["owner", "admin", "member"] as const) {
    const user = await makeUser({ name: `${role} ${uniq()}` }, db);
    await addMember(org.id, user.id, role, db);
    people[role] = { ...user, actor: await actorFor(user, { id: org.id, name: org.name, role }) };
  }
  return { org, ...people };
}
