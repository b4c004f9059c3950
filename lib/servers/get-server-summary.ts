import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import { findOrgServer } from "./find-org-server";
import { formatServerCode } from "./server-id";

export type ServerSummary = { id: string; serverId: string; name: string };

/**
 * Which server a page is about, and nothing more: for a header above sections that load their own
 * data (and may stream). Any member may look; another organisation's server is not found.
 */
export async function getServerSummary(
  db: Db,
  actor: Actor,
  input: { server: string },
): Promise<ServerSummary> {
  const org = requirePermission(actor, "servers.view");
  const s = await findOrgServer(db, org.id, input.server, { lock: false });
  return { id: s.id, serverId: formatServerCode(s.code), name: s.name };
}
