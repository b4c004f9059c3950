import type { AppError } from "@/lib/errors";
import { type ProblemDocument, problemOf } from "@/lib/http/problem";
import type { ProtocolResponse } from "./types";

// Protocol answers carry tokens, passwords and credentials: never cached by anything in between.
const BASE = { "cache-control": "no-store" } as const;

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
