/**
 * The one error a use case throws: a stable `code` (what kind of refusal, mapped to an HTTP status
 * by the adapters in lib/web and lib/ucserver/http) and, where the protocol or a page needs to tell
 * refusals of one kind apart, a finer `reason` ("terms-outdated", "server-disabled"…). Tests and
 * clients rely on codes and reasons, never on messages.
 */
export const errorStatus = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  gone: 410,
  "payload-too-large": 413,
  "rate-limited": 429,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export type FieldError = { field: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reason?: string;
  readonly fields: FieldError[];
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    message: string,
    options: { reason?: string; fields?: FieldError[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.reason = options.reason;
    this.fields = options.fields ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export const notFound = (what = "Not found") => new AppError("not-found", what);
export const forbidden = (why = "You are not allowed to do this") => new AppError("forbidden", why);

/** Bad input: each offending field with a message code. */
export function validationError(fields: FieldError[], message = "The request does not match the schema") {
  return new AppError("validation", message, { reason: "invalid-request", fields });
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
