import type { DbOrTx } from "@/db/client";
import type { Server } from "@/db/schema";
import { loadServerLicenses, type ServerLicenses } from "@/lib/licenses/server-licenses";
import { loadServerTerms, type Terms } from "@/lib/terms/server-terms";

export type ServerSnapshot = ServerLicenses & { terms: Terms };

/** Everything the UCServer is told about its standing: terms, licenses, entitlements, version. */
export async function loadServerSnapshot(
  db: DbOrTx,
  server: Pick<Server, "id" | "organisationId" | "locale">,
): Promise<ServerSnapshot> {
  const [terms, licenses] = await Promise.all([
    loadServerTerms(db, server),
    loadServerLicenses(db, server.id),
  ]);
  return { ...licenses, terms };
}
