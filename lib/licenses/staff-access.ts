import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Server, servers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { normalizeServerCode } from "@/lib/servers/server-id";
import { isUuid } from "@/lib/validation";

/** Licenses are entered by the vendor's sales staff and operators; to anyone else they do not exist. */
export function requireLicenseStaff(actor: Actor): void {
  if (!actor.staffRoles.some((r) => r === "sales" || r === "operator")) throw notFound();
}

/** Any server by internal id or Server-ID, locked for update; staff act across organisations. */
export async function findServerForStaff(db: DbOrTx, idOrCode: string): Promise<Server> {
  const code = normalizeServerCode(idOrCode);
  const byId = isUuid(idOrCode);
  if (!code && !byId) throw notFound("Server not found");
  const [server] = await db
    .select()
    .from(servers)
    .where(code ? eq(servers.code, code) : eq(servers.id, idOrCode))
    .for("update");
  if (!server) throw notFound("Server not found");
  return server;
}
