import type { z } from "zod";
import { AppError, type ErrorCode, type FieldError } from "@/lib/errors";

/** Problem types are URNs: stable whatever host the portal runs on. Clients match the last segment. */
export const PROBLEM_TYPE_PREFIX = "urn:ucconnect:problem:";

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
};

/**
 * An AppError with a finer problem type than its code, e.g. code "conflict" with slug
 * "terms-outdated". Portal pages see an ordinary AppError; the UCServer API shows the slug.
 */
export class ProblemError extends AppError {
  readonly slug: string;

  constructor(
    code: ErrorCode,
    slug: string,
    message: string,
    options: { fields?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(code, message, options);
    this.slug = slug;
  }
}

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
  const slug = error instanceof ProblemError ? error.slug : defaultSlug[error.code];
  const doc: ProblemDocument = {
    type: PROBLEM_TYPE_PREFIX + slug,
    title: error.message,
    status: error.status,
  };
  // Required for 400; also useful on a 409 that names the outdated version.
  if (error.code === "validation" || error.fields.length > 0) doc.errors = error.fields;
  return doc;
}

/** Each offending field once, with its dotted path (`users.mobile`); the root is called "body". */
export function zodFieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || "body";
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: issue.message });
  }
  return out;
}

export function validationError(
  fields: FieldError[],
  title = "The request does not match the schema",
): AppError {
  return new ProblemError("validation", "invalid-request", title, { fields });
}
