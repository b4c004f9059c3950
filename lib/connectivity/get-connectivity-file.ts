import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type Locale, serverConnectivity } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";
import { findOrgServer } from "@/lib/servers/find-org-server";
import { connectivitySetup } from "./setup-files";
import type { GeneratedFile } from "./types";

/**
 * One generated file of a server's saved scenario, for download. Any member may take it (they see
 * it on the page too); another organisation's server, a server without a saved scenario, or a file
 * the scenario does not have is not found.
 */
export async function getConnectivityFile(
  db: Db,
  actor: Actor,
  input: { server: string; file: string; locale?: Locale },
): Promise<GeneratedFile> {
  const org = requirePermission(actor, "servers.view");
  const server = await findOrgServer(db, org.id, input.server, { lock: false });
  const [settings] = await db
    .select()
    .from(serverConnectivity)
    .where(eq(serverConnectivity.serverId, server.id));
  if (!settings) throw notFound("No saved scenario");
  const setup = connectivitySetup(settings.inputs, settings.fileOptions, input.locale ?? actor.locale);
  const file = setup?.files.find((f) => f.id === input.file);
  if (!file) throw notFound("No such file");
  return file;
}
