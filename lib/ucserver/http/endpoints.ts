import type { Db } from "@/db/client";
import { env } from "@/lib/env";
import { recordHeartbeat } from "@/lib/heartbeats/record-heartbeat";
import { loadServerLicenses } from "@/lib/licenses/server-licenses";
import { acceptTermsFromUcserver } from "@/lib/terms/accept-terms-from-ucserver";
import { loadServerTerms } from "@/lib/terms/server-terms";
import { issueTurnCredentials } from "@/lib/turn/issue-turn-credentials";
import { authenticateSession, bearerToken, unauthenticated } from "../authenticate-session";
import { closeSession } from "../close-session";
import { openSession } from "../open-session";
import { consentRequest, heartbeatRequest, sessionRequest, trialRequest } from "../schemas";
import { startTrialFromUcserver } from "../start-trial-from-ucserver";
import { parseBody } from "./parse-body";
import { empty, json } from "./respond";
import type { ProtocolRequest, ProtocolResponse } from "./types";

// One function per endpoint of shared/ucserver-protocol.md: parse, call the use case, shape the answer.

export async function postTrials(db: Db, req: ProtocolRequest): Promise<ProtocolResponse> {
  const input = parseBody(req, trialRequest);
  return json(201, await startTrialFromUcserver(db, { ...input, ip: req.ip }));
}

export async function postSessions(db: Db, req: ProtocolRequest): Promise<ProtocolResponse> {
  const input = parseBody(req, sessionRequest);
  return json(201, await openSession(db, { ...input, ip: req.ip }));
}

export async function deleteCurrentSession(db: Db, req: ProtocolRequest): Promise<ProtocolResponse> {
  const session = await authenticateSession(db, req.headers.authorization);
  await closeSession(db, session, req.ip);
  return empty(204);
}

export async function postConsents(db: Db, req: ProtocolRequest): Promise<ProtocolResponse> {
  const { server } = await authenticateSession(db, req.headers.authorization);
  const input = parseBody(req, consentRequest);
  await acceptTermsFromUcserver(db, {
    server,
    accept: input.accept,
    acceptedBy: input.acceptedBy,
    ip: req.ip,
  });
  const [terms, licenses] = await Promise.all([
    loadServerTerms(db, server),
    loadServerLicenses(db, server.id),
  ]);
  return json(200, { terms, entitlements: licenses.entitlements });
}

export async function postHeartbeats(db: Db, req: ProtocolRequest): Promise<ProtocolResponse> {
  // The token's shape is checked before the body so that a stranger learns nothing about the schema;
  // whether it is a live session's is checked by the heartbeat statement itself (one round trip).
  const token = bearerToken(req.headers.authorization);
  if (!token) throw unauthenticated();
  const input = parseBody(req, heartbeatRequest);
  const result = await recordHeartbeat(db, { token, ...input });
  if (!result) throw unauthenticated();
  return json(200, {
    receivedAt: result.receivedAt.toISOString(),
    nextHeartbeatSeconds: env().HEARTBEAT_INTERVAL_SECONDS,
    licensesVersion: result.licensesVersion,
    termsAccepted: result.termsAccepted,
  });
}

/** True when an If-None-Match header names this ETag (weak or strong) or is "*". */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

export async function getLicenses(db: Db, req: ProtocolRequest): Promise<ProtocolResponse> {
  const { server } = await authenticateSession(db, req.headers.authorization);
  const { version, licenses, entitlements } = await loadServerLicenses(db, server.id);
  const etag = `"${version}"`;
  if (matchesEtag(req.headers["if-none-match"], etag)) return empty(304, { etag });
  return json(200, { version, licenses, entitlements }, { etag });
}

export async function postTurnCredentials(db: Db, req: ProtocolRequest): Promise<ProtocolResponse> {
  const { server } = await authenticateSession(db, req.headers.authorization);
  return json(200, await issueTurnCredentials(db, server));
}
