import type { Db } from "@/db/client";
import { isDatabaseUnavailable, OutageLog } from "@/lib/db-outage";
import { isAppError } from "@/lib/errors";
import { errorFields, log } from "@/lib/log";
import { PROBLEM_TYPE_PREFIX } from "@/lib/web/problem";
import {
  deleteCurrentSession,
  getLicenses,
  postConsents,
  postHeartbeats,
  postSessions,
  postTrials,
  postTurnCredentials,
} from "./endpoints";
import { problem, problemFor } from "./respond";
import { API_PREFIX, type ProtocolRequest, type ProtocolResponse } from "./types";

type Endpoint = (db: Db, req: ProtocolRequest) => Promise<ProtocolResponse>;

const outage = new OutageLog("ucserver");

const ROUTES: Record<string, Record<string, Endpoint>> = {
  "/trials": { POST: postTrials },
  "/sessions": { POST: postSessions },
  "/sessions/current": { DELETE: deleteCurrentSession },
  "/consents": { POST: postConsents },
  "/heartbeats": { POST: postHeartbeats },
  "/licenses": { GET: getLicenses },
  "/turn-credentials": { POST: postTurnCredentials },
};

/**
 * Answers one request of the UCServer protocol, whatever server delivered it (node:http fast route,
 * Next route handler, tests). Every failure becomes an RFC 9457 problem; an unexpected one is logged
 * here in one line (a database outage once, not per request) and shown to the client without detail.
 */
export async function handleUcserverRequest(db: Db, req: ProtocolRequest): Promise<ProtocolResponse> {
  const sub = req.path.startsWith(API_PREFIX) ? req.path.slice(API_PREFIX.length).replace(/\/+$/, "") : null;
  const methods = sub === null ? undefined : ROUTES[sub];
  if (!methods) {
    return problem({ type: `${PROBLEM_TYPE_PREFIX}not-found`, title: "No such endpoint", status: 404 });
  }
  const endpoint = methods[req.method.toUpperCase()];
  if (!endpoint) {
    return problem(
      { type: `${PROBLEM_TYPE_PREFIX}method-not-allowed`, title: "Method not allowed", status: 405 },
      { allow: Object.keys(methods).join(", ") },
    );
  }
  try {
    const answer = await endpoint(db, req);
    outage.success();
    return answer;
  } catch (error) {
    if (isAppError(error)) return problemFor(error);
    if (isDatabaseUnavailable(error)) outage.failure(error);
    else {
      log("ucserver", { method: req.method, path: sub, requestId: req.headers["x-request-id"] }).error(
        errorFields(error),
        "request failed",
      );
    }
    // Reached only when the database is unreachable or on a bug; either way, no details leave.
    return problem(
      { type: `${PROBLEM_TYPE_PREFIX}unavailable`, title: "Temporarily unavailable", status: 503 },
      { "retry-after": "5" },
    );
  }
}
