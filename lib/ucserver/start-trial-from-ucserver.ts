import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { hitRateLimit, retryAfterSeconds } from "@/lib/rate-limit/hit-rate-limit";
import { formatServerCode } from "@/lib/servers/server-id";
import { mailTrialClaim } from "@/lib/trials/mail-trial-claim";
import { startTrial } from "@/lib/trials/start-trial";
import type { TrialRequest } from "./schemas";
import { loadServerSnapshot } from "./server-snapshot";

export const TRIALS_PER_IP_PER_HOUR = 5;

/**
 * "Testbetrieb starten": a UCServer starts a trial without an account. At most five per client
 * address per hour, counted in PostgreSQL so every portal process and restart agrees. The contact
 * address comes unverified with an unauthenticated request, so it only receives mails (one at the
 * start, telling how to claim the server, at most one a day per address): the trial joins no other
 * trial by it. One trial per organisation is kept when the server is claimed
 * (lib/trials/carry-trial.ts), where the claimer has proved the Server-ID and password.
 */
export async function startTrialFromUcserver(db: Db, input: TrialRequest & { ip: string }) {
  const window = await hitRateLimit(db, `ucserver:trial:ip:${input.ip}`, 3600);
  if (window.count > TRIALS_PER_IP_PER_HOUR) {
    throw new AppError("rate-limited", "Too many trials from this address", {
      retryAfterSeconds: retryAfterSeconds(window),
    });
  }
  const started = await db.transaction(async (tx) => {
    const trial = await startTrial(
      tx,
      { userId: null, label: "ucserver", ip: input.ip },
      {
        origin: "ucserver-trial",
        organisationId: null,
        server: { name: input.serverName, ucserverVersion: input.ucserverVersion },
        contactEmail: input.contactEmail ?? null,
        locale: input.locale,
        startedByUserId: null,
        ip: input.ip,
      },
    );
    // The contact learns how to claim the server into an account (at most one such mail a day).
    if (input.contactEmail) {
      await mailTrialClaim(tx, {
        to: input.contactEmail,
        locale: input.locale,
        serverCode: trial.server!.code,
        endsAt: trial.trial.endsAt,
      });
    }
    return trial;
  });
  const server = started.server!;
  const snapshot = await loadServerSnapshot(db, server);
  return {
    serverId: formatServerCode(server.code),
    password: started.password!,
    trial: { endsAt: started.trial.endsAt.toISOString() },
    licenses: snapshot.licenses,
    terms: snapshot.terms,
  };
}
