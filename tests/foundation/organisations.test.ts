import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, mailOutbox, memberInvitations, memberships } from "@/db/schema";
import { listAuditEvents } from "@/lib/audit/list-audit-events";
import { sha256 } from "@/lib/crypto";
import { AppError } from "@/lib/errors";
import { listOutbox } from "@/lib/mail/list-outbox";
import {
  acceptInvitationAsNewUser,
  acceptInvitationAsUser,
  describeInvitation,
} from "@/lib/orgs/accept-member-invitation";
import { changeMemberRole } from "@/lib/orgs/change-member-role";
import { inviteMember } from "@/lib/orgs/invite-member";
import { listMembers } from "@/lib/orgs/list-members";
import { removeMember } from "@/lib/orgs/remove-member";
import { revokeMemberInvitation } from "@/lib/orgs/revoke-member-invitation";
import { db } from "@/tests/setup/db";
import { actorFor, makeOrgWithPeople, makeUser, uniq } from "../setup/factories";

const code = async (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

describe("roles", () => {
  it("members cannot list or invite members; admins can; only owners invite owners", async () => {
    const { org, owner, admin, member } = await makeOrgWithPeople();
    const email = `p-${uniq()}@test.example`;
    expect(await code(listMembers(db, member.actor))).toBe("forbidden");
    expect(await code(inviteMember(db, member.actor, { email, role: "member", locale: "de" }))).toBe(
      "forbidden",
    );
    expect(await code(inviteMember(db, admin.actor, { email, role: "owner", locale: "de" }))).toBe(
      "forbidden",
    );
    expect(
      await db.select().from(memberInvitations).where(eq(memberInvitations.organisationId, org.id)),
    ).toHaveLength(0);
    await inviteMember(db, admin.actor, { email, role: "admin", locale: "en" });
    await inviteMember(db, owner.actor, { email: `o-${uniq()}@test.example`, role: "owner", locale: "de" });
    const { invitations } = await listMembers(db, admin.actor);
    expect(invitations.map((i) => i.role).sort()).toEqual(["admin", "owner"]);
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
    expect(mail?.locale).toBe("en");
    expect(mail?.subject).toContain(org.name);
  });

  it("the last owner can be neither demoted nor removed; admins cannot remove admins", async () => {
    const { org, owner, admin, member } = await makeOrgWithPeople();
    expect(await code(changeMemberRole(db, owner.actor, { userId: owner.id, role: "admin" }))).toBe(
      "conflict",
    );
    expect(await code(removeMember(db, owner.actor, { userId: owner.id }))).toBe("conflict");
    expect(await code(changeMemberRole(db, admin.actor, { userId: member.id, role: "admin" }))).toBe(
      "forbidden",
    );
    const secondAdmin = await makeUser();
    await db.insert(memberships).values({ organisationId: org.id, userId: secondAdmin.id, role: "admin" });
    expect(await code(removeMember(db, admin.actor, { userId: secondAdmin.id }))).toBe("forbidden");
    await removeMember(db, admin.actor, { userId: member.id });
    const left = await db.select().from(memberships).where(eq(memberships.organisationId, org.id));
    expect(left.map((m) => m.userId)).not.toContain(member.id);
  });

  it("audit log: owners only, and it records who did what from where", async () => {
    const { owner, admin, member } = await makeOrgWithPeople();
    await changeMemberRole(db, owner.actor, { userId: member.id, role: "admin" });
    expect(await code(listAuditEvents(db, admin.actor))).toBe("forbidden");
    const { events } = await listAuditEvents(db, owner.actor);
    expect(events[0]).toMatchObject({
      action: "member.role-changed",
      actorUserId: owner.id,
      targetId: member.id,
      ip: "127.0.0.1",
    });
    expect(events[0]?.details).toEqual({ from: "member", to: "admin" });
  });
});

describe("input", () => {
  it("each use case parses its own: bad fields are per-field errors, a malformed id is not found", async () => {
    const { owner } = await makeOrgWithPeople();
    const refusal = (p: Promise<unknown>) => p.catch((e: AppError) => ({ code: e.code, fields: e.fields }));
    expect(
      await refusal(inviteMember(db, owner.actor, { email: "not an address", role: "member", locale: "de" })),
    ).toEqual({
      code: "validation",
      fields: [{ field: "email", message: "invalid-email" }],
    });
    expect(
      await refusal(changeMemberRole(db, owner.actor, { userId: owner.id, role: "boss" as "owner" })),
    ).toEqual({
      code: "validation",
      fields: [{ field: "role", message: "required" }],
    });
    for (const userId of ["", "42", "not-a-uuid"]) {
      expect(await code(changeMemberRole(db, owner.actor, { userId, role: "admin" }))).toBe("not-found");
      expect(await code(removeMember(db, owner.actor, { userId }))).toBe("not-found");
      expect(await code(revokeMemberInvitation(db, owner.actor, { invitationId: userId }))).toBe("not-found");
    }
  });
});

describe("invitation links", () => {
  const linkIn = async (email: string) => {
    const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, email));
    return mail!.text.match(/accept-invitation\?token=([\w-]+)/)![1]!;
  };

  it("carry a random token stored only as its SHA-256, work once, and expire", async () => {
    const { org, owner } = await makeOrgWithPeople();
    const email = `n-${uniq()}@test.example`;
    const { id } = await inviteMember(db, owner.actor, { email, role: "member", locale: "de" });
    const token = await linkIn(email);
    // 256 random bits in base64url; the row holds the hash and never the token.
    expect(token).toMatch(/^[\w-]{43}$/);
    const [row] = await db.select().from(memberInvitations).where(eq(memberInvitations.id, id));
    expect(row!.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);

    expect(await describeInvitation(db, token)).toMatchObject({ organisationName: org.name, email });
    expect(await describeInvitation(db, `${token.slice(0, -1)}x`)).toBeNull();
    expect(await describeInvitation(db, "../../etc")).toBeNull();
    const input = { token, name: "Neu", password: "Invited-Pass-2026", confirm: "Invited-Pass-2026" };
    await acceptInvitationAsNewUser(db, { input, ip: null });
    expect(await code(acceptInvitationAsNewUser(db, { input, ip: null }))).toBe("gone");
    expect(await describeInvitation(db, token)).toBeNull();

    // An expired link opens nothing, for a new account or a signed-in one.
    const late = `l-${uniq()}@test.example`;
    const expired = await inviteMember(db, owner.actor, { email: late, role: "member", locale: "de" });
    await db
      .update(memberInvitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(memberInvitations.id, expired.id));
    const lateToken = await linkIn(late);
    expect(await describeInvitation(db, lateToken)).toBeNull();
    const someone = await actorFor(await makeUser());
    expect(await code(acceptInvitationAsUser(db, { ...someone, email: late }, lateToken))).toBe("gone");
  });
});

describe("organisation isolation", () => {
  it("another organisation's members and invitations answer not-found and stay as they were", async () => {
    const a = await makeOrgWithPeople();
    const b = await makeOrgWithPeople();
    const inv = await inviteMember(db, b.owner.actor, {
      email: `b-${uniq()}@test.example`,
      role: "member",
      locale: "de",
    });
    expect(await code(revokeMemberInvitation(db, a.owner.actor, { invitationId: inv.id }))).toBe("not-found");
    expect(await code(changeMemberRole(db, a.owner.actor, { userId: b.member.id, role: "owner" }))).toBe(
      "not-found",
    );
    expect(await code(removeMember(db, a.owner.actor, { userId: b.owner.id }))).toBe("not-found");
    const bRoles = await db.select().from(memberships).where(eq(memberships.organisationId, b.org.id));
    expect(bRoles.map((m) => m.role).sort()).toEqual(["admin", "member", "owner"]);
    const [still] = await db
      .select()
      .from(memberInvitations)
      .where(and(eq(memberInvitations.id, inv.id)));
    expect(still?.revokedAt).toBeNull();
    const { events } = await listAuditEvents(db, a.owner.actor);
    expect(events.every((e) => e.organisationId === a.org.id)).toBe(true);
    const bEvents = await db.select().from(auditEvents).where(eq(auditEvents.organisationId, b.org.id));
    expect(bEvents.length).toBeGreaterThan(0);
  });

  it("the outbox is for operators only", async () => {
    const { owner } = await makeOrgWithPeople();
    expect(await code(listOutbox(db, owner.actor))).toBe("not-found");
    const op = await makeUser({ staff: ["operator"] });
    expect(Array.isArray(await listOutbox(db, await actorFor(op)))).toBe(true);
  });
});
