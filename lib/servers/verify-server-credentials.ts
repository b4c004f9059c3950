import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Server, servers } from "@/db/schema";
import { verifyAgainstDummy, verifyPassword } from "@/lib/auth/password";
import { reserveCredentialAttempt, settleCredentialAttempt, throttleKeyOf } from "./credential-throttle";
import { normalizeServerCode } from "./server-id";

/**
 * Checks a Server-ID and password under the brute-force limits. Returns the server, or null for an
 * unknown ID and a wrong password alike: an unknown ID is verified against a dummy hash so both
 * take the same time. A deleted server is unknown. Throws 429 while the ID or the address is locked out.
 */
export async function verifyServerCredentials(
  db: DbOrTx,
  input: { serverId: string; password: string; ip: string | null },
): Promise<Server | null> {
  const code = normalizeServerCode(input.serverId);
  const key = throttleKeyOf(code, input.serverId);
  await reserveCredentialAttempt(db, key, input.ip);
  const [server] = code
    ? await db
        .select()
        .from(servers)
        .where(and(eq(servers.code, code), isNull(servers.deletedAt)))
    : [];
  const ok = server ? await verifyPassword(server.passwordHash, input.password) : false;
  if (!server) await verifyAgainstDummy(input.password);
  if (!server || !ok) return null;
  await settleCredentialAttempt(db, key, input.ip);
  return server;
}
