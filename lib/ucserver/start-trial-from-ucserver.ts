import type { Db } from "@/db/client";
import { ProblemError } from "@/lib/http/problem";
import { hitRateLimit, retryAfterSeconds } from "@/lib/rate-limit/hit-rate-limit";
import { formatServerCode } from "@/lib/servers/server-id";
import { startTrial } from "@/lib/trials/start-trial";
import type { TrialRequest } from "./schemas";
import { loadServerSnapshot } from "./server-snapshot";

export const TRIALS_PER_IP_PER_HOUR = 5;

/**
 * "Testbetrieb starten": a UCServer starts a trial without an account. At most five per client
 * address per hour, counted in PostgreSQL so every portal process and restart agrees.
 */
export async function startTrialFromUcserver(db: Db, input: TrialRequest & { ip: string }) {
  const window = await hitRateLimit(db, `ucserver:trial:ip:${input.ip}`, 3600);
  if (window.count > TRIALS_PER_IP_PER_HOUR) {
    throw new ProblemError("rate-limited", "rate-limited", "Too many trials from this address", {
      retryAfterSeconds: retryAfterSeconds(window),
    });
  }
  const { server, password, endsAt } = await db.transaction((tx) =>
    startTrial(
      tx,
      { userId: null, label: "ucserver", ip: input.ip },
      {
        serverName: input.serverName,
        origin: "ucserver-trial",
        organisationId: null,
        contactEmail: input.contactEmail ?? null,
        locale: input.locale,
        ucserverVersion: input.ucserverVersion,
        startedByUserId: null,
        ip: input.ip,
      },
    ),
  );
  const snapshot = await loadServerSnapshot(db, server);
  return {
    serverId: formatServerCode(server.code),
    password,
    trial: { endsAt: endsAt.toISOString() },
    licenses: snapshot.licenses,
    terms: snapshot.terms,
  };
}
