import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { sqlRows } from "@/db/sql";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/permissions";
import type { RawInput } from "@/lib/validation";

/** The overview asks with nothing. */
export const getOnboardingSchema = z.object({});
export type GetOnboardingInput = RawInput<typeof getOnboardingSchema>;

export type OnboardingStep = "server" | "terms" | "invitations";

export type Onboarding = {
  /** Each step of getting going, done or not, in the order they are taken. */
  steps: { step: OnboardingStep; done: boolean }[];
  /** Every step done: the overview need not show them any more. */
  complete: boolean;
  /** The organisation has a server (not deleted): the fleet dashboard has something to show. */
  hasServer: boolean;
};

/**
 * How far the caller's organisation has got: a server registered or claimed, every current terms
 * document accepted for the organisation (nothing to accept counts as done), at least one app
 * invitation sent. Read from the data in one query, never remembered as ticks. Any member may look.
 */
export async function getOnboarding(db: Db, actor: Actor, raw: GetOnboardingInput = {}): Promise<Onboarding> {
  const { org } = authorize(actor, "servers.view", getOnboardingSchema, raw);
  const [row] = await sqlRows<{ has_server: boolean; terms_open: boolean; invited: boolean }>(
    db,
    sql`select
          exists (select 1 from servers s
                   where s.organisation_id = ${org.id}::uuid and s.deleted_at is null) as has_server,
          exists (select 1 from terms_documents d
                   where d.is_current
                     and not exists (select 1 from terms_acceptances a
                                      where a.document_id = d.id and a.organisation_id = ${org.id}::uuid)) as terms_open,
          exists (select 1 from app_invitations i where i.organisation_id = ${org.id}::uuid) as invited`,
  );
  const steps = [
    { step: "server" as const, done: row?.has_server === true },
    { step: "terms" as const, done: row?.terms_open === false },
    { step: "invitations" as const, done: row?.invited === true },
  ];
  return { steps, complete: steps.every((s) => s.done), hasServer: steps[0]!.done };
}
