import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { lockTrialToJoin, type TrialToJoin } from "./carry-trial";

/**
 * The earliest followed trial of this contact (a lower-cased address), locked: a trial sales started
 * for that address, or the trial of an organisation the address belongs to as a member. A UCServer's
 * own trial names an address nobody has verified (POST /trials needs no account), so it never counts
 * here: a stranger naming a prospect's address must not block, own or absorb that prospect's trial.
 * Starts for one address are serialised for the rest of the transaction, so two at once cannot both
 * find none.
 */
export async function lockContactTrial(db: DbOrTx, contactEmail: string): Promise<TrialToJoin | null> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`trial-contact:${contactEmail}`}))`);
  return lockTrialToJoin(
    db,
    sql`(t.origin <> 'ucserver-trial' and lower(t.contact_email) = ${contactEmail})
        or t.organisation_id in (select m.organisation_id from memberships m
                                   join users u on u.id = m.user_id where u.email = ${contactEmail})`,
  );
}
