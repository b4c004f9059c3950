import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { memberInvitations, memberships, organisations, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import type { Actor } from "@/lib/auth/actor";
import { issueAuthToken } from "@/lib/auth/auth-tokens";
import { hashPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { newPassword, parseInput, type RawInput, text } from "@/lib/validation";
import { invitationOpenedBy } from "./member-invitations";

async function openInvitation(db: DbOrTx, token: string, lock = false) {
  const opened = invitationOpenedBy(token);
  if (!opened) return null;
  const q = db
    .select({
      id: memberInvitations.id,
      organisationId: memberInvitations.organisationId,
      organisationName: organisations.name,
      email: memberInvitations.email,
      role: memberInvitations.role,
      locale: memberInvitations.locale,
    })
    .from(memberInvitations)
    .innerJoin(organisations, eq(organisations.id, memberInvitations.organisationId))
    .where(opened);
  const [row] = lock ? await q.for("update", { of: memberInvitations }) : await q;
  return row ?? null;
}

/** What the invitation page shows: the organisation, the address, and whether it has an account. */
export async function describeInvitation(db: Db, token: string) {
  const inv = await openInvitation(db, token);
  if (!inv) return null;
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, inv.email));
  return { organisationName: inv.organisationName, email: inv.email, role: inv.role, hasAccount: !!user };
}

async function join(
  tx: DbOrTx,
  inv: NonNullable<Awaited<ReturnType<typeof openInvitation>>>,
  userId: string,
  ip: string | null,
) {
  await tx
    .insert(memberships)
    .values({ organisationId: inv.organisationId, userId, role: inv.role })
    .onConflictDoNothing();
  await tx.update(memberInvitations).set({ acceptedAt: new Date() }).where(eq(memberInvitations.id, inv.id));
  await recordAudit(
    tx,
    { userId, label: inv.email, ip },
    {
      organisationId: inv.organisationId,
      action: "member.joined",
      targetType: "user",
      targetId: userId,
      details: { role: inv.role },
    },
  );
}

export const newAccountSchema = z
  .object({ token: z.string().min(1).max(200), name: text(120), password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], error: "mismatch" });

/**
 * Creates the invited person's account and membership in one step. Returns a one-time sign-in
 * token so the browser can sign them in straight away.
 */
export async function acceptInvitationAsNewUser(
  db: Db,
  opts: { input: RawInput<typeof newAccountSchema>; ip: string | null },
) {
  const input = parseInput(newAccountSchema, opts.input);
  const hash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const inv = await openInvitation(tx, input.token, true);
    if (!inv) throw new AppError("gone", "This invitation is invalid, expired or already used");
    const [user] = await tx
      .insert(users)
      .values({
        email: inv.email,
        name: input.name,
        passwordHash: hash,
        locale: inv.locale,
        emailVerifiedAt: new Date(),
      })
      .onConflictDoNothing()
      .returning({ id: users.id });
    if (!user) throw new AppError("conflict", "An account with this e-mail exists; sign in to accept");
    await join(tx, inv, user.id, opts.ip);
    return { signInToken: await issueAuthToken(tx, user.id, "sign-in-link", 5) };
  });
}

/** Accepts an invitation as the signed-in person, whose e-mail must be the invited one. */
export async function acceptInvitationAsUser(
  db: Db,
  actor: Actor,
  token: string,
): Promise<{ organisationId: string }> {
  return db.transaction(async (tx) => {
    const inv = await openInvitation(tx, token, true);
    if (!inv) throw new AppError("gone", "This invitation is invalid, expired or already used");
    if (inv.email !== actor.email)
      throw new AppError("forbidden", "This invitation is for another e-mail address");
    await join(tx, inv, actor.userId, actor.ip);
    return { organisationId: inv.organisationId };
  });
}
