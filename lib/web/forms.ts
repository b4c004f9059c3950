import { isAppError } from "@/lib/errors";
import { errorFields, log } from "@/lib/log";
import { fieldErrorMap, type RawValues, rawValues } from "@/lib/validation";

/** What every form action returns: codes the page translates, never raw server text. */
export type FormState = {
  ok: boolean;
  /** A form-level message code (an error code, or a success code). */
  message?: string;
  retryAfterSeconds?: number;
  fieldErrors?: Record<string, string>;
  /** What was typed, so the form keeps it after an error. */
  values?: Record<string, string>;
  /** Increments on every submission so a success toast shows again. */
  at?: number;
};

export const initialFormState: FormState = { ok: false };

/**
 * What a form's use case call hands back to `runForm` (besides nothing): a success message code, or
 * what the page needs (credentials shown once, a count) with a message code if any. `ok: false` is
 * for an outcome that is no error and no success either (nothing was sent).
 */
export type FormOutcome<T extends object> = string | (T & { ok?: boolean; message?: string });

/**
 * Runs a form action: hands the submitted values, unparsed, to `run` (the use case parses them, and
 * is the only place that does), and turns what it returns or throws into a FormState. AppErrors
 * become messages and per-field errors, with what was typed echoed back (passwords never); anything
 * else is logged and reported as `unexpected`.
 *
 * `submitted` is the form's FormData (a field sent twice keeps its last value), or the plain object
 * a client component posts.
 */
export async function runForm<T extends object = object>(
  submitted: unknown,
  run: (values: RawValues) => Promise<FormOutcome<T>> | Promise<void>,
): Promise<FormState & Partial<T>> {
  const values = submittedValues(submitted);
  try {
    const outcome = await run(rawValues(values));
    if (outcome === undefined) return withData<T>({ ok: true, at: Date.now() });
    if (typeof outcome === "string") return withData<T>({ ok: true, message: outcome, at: Date.now() });
    return withData<T>({ ok: outcome.ok ?? true, message: outcome.message, at: Date.now() }, outcome);
  } catch (error) {
    return withData<T>({ ...formError(error), values: echoedValues(values), at: Date.now() });
  }
}

function withData<T extends object>(state: FormState, data: Partial<T> = {}): FormState & Partial<T> {
  return { ...data, ...state };
}

function submittedValues(submitted: unknown): Record<string, unknown> {
  if (submitted instanceof FormData) {
    // `$ACTION_…` fields are React's own, not the form's.
    return Object.fromEntries([...submitted.entries()].filter(([k]) => !k.startsWith("$")));
  }
  if (typeof submitted === "object" && submitted !== null && !Array.isArray(submitted)) {
    return { ...submitted };
  }
  return {};
}

/** What was typed, for the form to show again; passwords and secrets are never sent back. */
function echoedValues(values: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === "string" && !/password|confirm|secret/i.test(k)) out[k] = v;
  }
  return out;
}

export function formError(error: unknown): FormState {
  if (isAppError(error)) {
    return {
      ok: false,
      message: error.fields.length ? undefined : error.code,
      fieldErrors: fieldErrorMap(error.fields),
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  // Next's redirect()/notFound() work by throwing; they must pass through.
  if (error instanceof Error && "digest" in error) throw error;
  log("action").error(errorFields(error), "unexpected error");
  return { ok: false, message: "unexpected" };
}
