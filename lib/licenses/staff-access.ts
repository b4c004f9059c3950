import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Server, servers } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { normalizeServerCode } from "@/lib/servers/server-id";
import { isUuid } from "@/lib/validation";

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
