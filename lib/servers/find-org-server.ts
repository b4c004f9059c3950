import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { type Server, servers } from "@/db/schema";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { normalizeServerCode } from "./server-id";

/**
 * A server of the organisation, by internal id or by Server-ID in any spelling, locked for update
 * unless told otherwise. A server of another organisation, a deleted one, or none, is not found,
 * whichever it is.
 */
export async function findOrgServer(
  db: DbOrTx,
  organisationId: string,
  idOrCode: string,
  { lock = true }: { lock?: boolean } = {},
): Promise<Server> {
  const code = isUuid(idOrCode) ? null : normalizeServerCode(idOrCode);
  if (!code && !isUuid(idOrCode)) throw notFound("Server not found");
  const query = db
    .select()
    .from(servers)
    .where(
      and(
        eq(servers.organisationId, organisationId),
        // A deleted server is gone for its organisation, whatever it kept for the records.
        isNull(servers.deletedAt),
        code ? eq(servers.code, code) : eq(servers.id, idOrCode),
      ),
    );
  const [server] = lock ? await query.for("update") : await query;
  if (!server) throw notFound("Server not found");
  return server;
}
