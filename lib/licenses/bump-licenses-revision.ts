import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { servers } from "@/db/schema";

/** Marks a server's licenses as changed, so its licensesVersion (and ETag) changes. */
export async function bumpLicensesRevision(db: DbOrTx, serverId: string): Promise<void> {
  await db
    .update(servers)
    .set({ licensesRevision: sql`${servers.licensesRevision} + 1` })
    .where(eq(servers.id, serverId));
}
