import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { servers } from "@/db/schema";
import { endServerSessions } from "./end-server-sessions";
import { newServerPassword } from "./server-password";

/**
 * Gives a server a new password and revokes all its tokens, so whoever held the old one is out at
 * once. No authorization here: callers are the portal use case and operator tooling.
 */
export async function replaceServerPassword(db: DbOrTx, serverId: string): Promise<{ password: string }> {
  const { password, hash } = await newServerPassword();
  await db
    .update(servers)
    .set({ passwordHash: hash, passwordChangedAt: new Date() })
    .where(eq(servers.id, serverId));
  await endServerSessions(db, serverId, "password-changed");
  return { password };
}
