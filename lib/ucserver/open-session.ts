import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { serverSessions, servers } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { randomToken, sha256 } from "@/lib/crypto";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatServerCode } from "@/lib/servers/server-id";
import { verifyServerCredentials } from "@/lib/servers/verify-server-credentials";
import type { SessionRequest } from "./schemas";
import { loadServerSnapshot } from "./server-snapshot";

/**
 * "Verbinden": exchanges Server-ID and password for a bearer token (random, stored as SHA-256,
 * valid UCSERVER_TOKEN_TTL_HOURS, at most 24 h). Unknown IDs and wrong passwords get the same 401.
 */
export async function openSession(db: Db, input: SessionRequest & { ip: string }) {
  const server = await verifyServerCredentials(db, input);
  if (!server) {
    throw new AppError("unauthenticated", "Unknown server ID or wrong password", {
      reason: "invalid-credentials",
    });
  }
  if (server.disabledAt) {
    throw new AppError("forbidden", "This server is disabled", { reason: "server-disabled" });
  }
  const e = env();
  const token = randomToken();
  const expiresAt = new Date(Date.now() + Math.min(e.UCSERVER_TOKEN_TTL_HOURS, 24) * 3_600_000);
  await db.transaction(async (tx) => {
    const [session] = await tx
      .insert(serverSessions)
      .values({
        serverId: server.id,
        tokenHash: sha256(token),
        ip: input.ip,
        ucserverVersion: input.ucserverVersion,
        expiresAt,
      })
      .returning({ id: serverSessions.id });
    await tx.update(servers).set({ ucserverVersion: input.ucserverVersion }).where(eq(servers.id, server.id));
    await recordAudit(
      tx,
      { userId: null, label: `ucserver:${formatServerCode(server.code)}`, ip: input.ip },
      {
        organisationId: server.organisationId,
        action: "ucserver.session-opened",
        targetType: "server",
        targetId: server.id,
        details: { sessionId: session!.id, ucserverVersion: input.ucserverVersion },
      },
    );
  });
  const snapshot = await loadServerSnapshot(db, server);
  return {
    token,
    expiresAt: expiresAt.toISOString(),
    heartbeatIntervalSeconds: e.HEARTBEAT_INTERVAL_SECONDS,
    server: { serverId: formatServerCode(server.code), name: server.name, mode: snapshot.mode },
    terms: snapshot.terms,
    licenses: snapshot.licenses,
    entitlements: snapshot.entitlements,
  };
}
