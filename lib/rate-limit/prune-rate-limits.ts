import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rateLimits } from "@/db/schema";

/** The longest window any limit counts in (sign-ups per address: a day), with room to spare. */
const KEEP_HOURS = 48;

/**
 * Deletes counters whose window is long over. Their keys name addresses and e-mail addresses, so
 * they are kept no longer than a limit needs them. Returns how many went.
 */
export async function pruneRateLimits(db: DbOrTx): Promise<number> {
  const gone = await db
    .delete(rateLimits)
    .where(sql`${rateLimits.windowStart} < now() - make_interval(hours => ${KEEP_HOURS})`)
    .returning({ key: rateLimits.key });
  return gone.length;
}
