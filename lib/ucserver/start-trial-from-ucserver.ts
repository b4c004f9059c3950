import type { Db } from "@/db/client";
import { ProblemError } from "@/lib/http/problem";
import { hitRateLimit, retryAfterSeconds } from "@/lib/rate-limit/hit-rate-limit";
import { formatServerCode } from "@/lib/servers/server-id";
import { mergeTrialInto } from "@/lib/trials/carry-trial";
import { lockContactTrial } from "@/lib/trials/lock-contact-trial";
import { startTrial } from "@/lib/trials/start-trial";
import type { TrialRequest } from "./schemas";
import { loadServerSnapshot } from "./server-snapshot";

export const TRIALS_PER_IP_PER_HOUR = 5;

/**
 * "Testbetrieb starten": a UCServer starts a trial without an account. At most five per client
 * address per hour, counted in PostgreSQL so every portal process and restart agrees. A contact who
 * had a trial already (a server set up again, a prospect sales started a trial for) gets that trial
 * continued on the new server, never a second one; the answer's end date says so.
 */
export async function startTrialFromUcserver(db: Db, input: TrialRequest & { ip: string }) {
  const window = await hitRateLimit(db, `ucserver:trial:ip:${input.ip}`, 3600);
  if (window.count > TRIALS_PER_IP_PER_HOUR) {
    throw new ProblemError("rate-limited", "rate-limited", "Too many trials from this address", {
      retryAfterSeconds: retryAfterSeconds(window),
    });
  }
  const started = await db.transaction(async (tx) => {
    const earlier = input.contactEmail ? await lockContactTrial(tx, input.contactEmail) : null;
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
    if (!earlier) return { ...trial, endsAt: trial.trial.endsAt };
    // The same contact had a trial already: this server continues it rather than starting anew.
    await mergeTrialInto(tx, {
      trialId: trial.trial.id,
      serverId: trial.server!.id,
      into: earlier,
      sameOrganisation: false,
    });
    return { ...trial, endsAt: earlier.open ? new Date(earlier.ends_at) : new Date() };
  });
  const server = started.server!;
  const snapshot = await loadServerSnapshot(db, server);
  return {
    serverId: formatServerCode(server.code),
    password: started.password!,
    trial: { endsAt: started.endsAt.toISOString() },
    licenses: snapshot.licenses,
    terms: snapshot.terms,
  };
}
