import type { AppError } from "@/lib/errors";
import { PROBLEM_TYPE_PREFIX, type ProblemDocument, problemOf } from "@/lib/web/problem";
import type { ProtocolResponse } from "./types";

// Protocol answers carry tokens, passwords and credentials: never cached by anything in between;
// and they are JSON, never to be sniffed as anything else.
const BASE = { "cache-control": "no-store", "x-content-type-options": "nosniff" } as const;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): ProtocolResponse {
  return {
    status,
    headers: { ...BASE, "content-type": "application/json; charset=utf-8", ...headers },
    body: JSON.stringify(body),
  };
}

export function empty(status: number, headers: Record<string, string> = {}): ProtocolResponse {
  return { status, headers: { ...BASE, ...headers }, body: null };
}

export function problem(doc: ProblemDocument, headers: Record<string, string> = {}): ProtocolResponse {
  return {
    status: doc.status,
    headers: { ...BASE, "content-type": "application/problem+json; charset=utf-8", ...headers },
    body: JSON.stringify(doc),
  };
}

/** The problem answer for an AppError, with the headers its status requires. */
export function problemFor(error: AppError): ProtocolResponse {
  const headers: Record<string, string> = {};
  if (error.status === 401) headers["www-authenticate"] = 'Bearer realm="ucconnect"';
  if (error.status === 429) headers["retry-after"] = String(error.retryAfterSeconds ?? 60);
  if (error.status === 413) headers.connection = "close";
  return problem(problemOf(error), headers);
}

/** 408: the body did not arrive in time; the connection is closed after this answer. */
export function requestTimeout(): ProtocolResponse {
  return problem(
    {
      type: `${PROBLEM_TYPE_PREFIX}request-timeout`,
      title: "The request body did not arrive in time",
      status: 408,
    },
    { connection: "close" },
  );
}
