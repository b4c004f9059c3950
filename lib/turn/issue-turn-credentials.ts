import type { DbOrTx } from "@/db/client";
import type { Server } from "@/db/schema";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { loadServerLicenses } from "@/lib/licenses/server-licenses";
import { formatServerCode } from "@/lib/servers/server-id";
import { signTurnCredentials, type TurnCredentials } from "./turn-credentials";

/**
 * STUN/TURN credentials for a connected server. Refused (403) while the current terms are not
 * accepted (terms-required), without an audio/video entitlement (not-entitled), and when this
 * portal has no TURN_SECRET configured (turn-unavailable: a 403, not a 5xx, because the protocol
 * promises no 5xx while the database is up; the UCServer treats it like "no TURN").
 */
export async function issueTurnCredentials(db: DbOrTx, server: Server): Promise<TurnCredentials> {
  const e = env();
  const { entitlements } = await loadServerLicenses(db, server.id);
  if (!server.termsAccepted) {
    throw new AppError("forbidden", "The current terms must be accepted first", { reason: "terms-required" });
  }
  if (!entitlements.turn) {
    throw new AppError("forbidden", "This server has no audio/video entitlement", { reason: "not-entitled" });
  }
  if (!e.TURN_SECRET) {
    throw new AppError("forbidden", "TURN is not configured on this portal", { reason: "turn-unavailable" });
  }
  return signTurnCredentials({
    secret: e.TURN_SECRET,
    serverId: formatServerCode(server.code),
    host: e.TURN_HOST,
    port: e.TURN_PORT,
    ttlSeconds: e.TURN_TTL_SECONDS,
  });
}
