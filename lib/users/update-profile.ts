import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { locale, parseInput, type RawInput, text } from "@/lib/validation";

export const profileSchema = z.object({ name: text(120), locale });
export type ProfileInput = z.infer<typeof profileSchema>;

/**
 * Changes the caller's own name and language (the language of every e-mail sent to them). Returns
 * what was saved, so the page can switch to the new language.
 */
export async function updateProfile(
  db: Db,
  actor: Actor,
  raw: RawInput<typeof profileSchema>,
): Promise<ProfileInput> {
  const input = parseInput(profileSchema, raw);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ name: input.name, locale: input.locale }).where(eq(users.id, actor.userId));
    await recordAudit(tx, auditActor(actor), {
      organisationId: null,
      action: "user.profile-updated",
      targetType: "user",
      targetId: actor.userId,
    });
  });
  return input;
}

/** Remembers the caller's language choice for e-mails; no audit entry for a language toggle. */
export async function setUserLocale(db: Db, actor: Actor, value: unknown): Promise<void> {
  const parsed = locale.safeParse(value);
  if (!parsed.success) return;
  await db.update(users).set({ locale: parsed.data }).where(eq(users.id, actor.userId));
}
