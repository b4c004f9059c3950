import type { AppError, ErrorCode, FieldError } from "@/lib/errors";

/** Problem types are URNs: stable whatever host the portal runs on. Clients match the last segment. */
export const PROBLEM_TYPE_PREFIX = "urn:ucconnect:problem:";

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
};

const defaultSlug: Record<ErrorCode, string> = {
  validation: "invalid-request",
  unauthenticated: "unauthenticated",
  forbidden: "forbidden",
  "not-found": "not-found",
  conflict: "conflict",
  gone: "gone",
  "payload-too-large": "payload-too-large",
  "rate-limited": "rate-limited",
  unavailable: "unavailable",
};

/** The problem document for an AppError. Its message is written for clients; nothing else is shown. */
export function problemOf(error: AppError): ProblemDocument {
  const slug = error.reason ?? defaultSlug[error.code];
  const doc: ProblemDocument = {
    type: PROBLEM_TYPE_PREFIX + slug,
    title: error.message,
    status: error.status,
  };
  // Required for 400; also useful on a 409 that names the outdated version.
  if (error.code === "validation" || error.fields.length > 0) doc.errors = error.fields;
  return doc;
}
