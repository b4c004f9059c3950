import type { z } from "zod";
import { type FieldError, isAppError } from "@/lib/errors";
import { zodFieldErrors } from "@/lib/validation";

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

export function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) {
    if (typeof v === "string" && !k.startsWith("$") && !/password|confirm/i.test(k)) out[k] = v;
  }
  return out;
}

/**
 * Runs a form action: parses input with `schema`, calls `run`, and turns validation failures and
 * AppErrors into a FormState. Anything else is logged and reported as `unexpected`.
 */
export async function runForm<S extends z.ZodType>(
  form: FormData,
  schema: S,
  run: (input: z.infer<S>) => Promise<string | undefined>,
): Promise<FormState> {
  const values = formValues(form);
  const parsed = schema.safeParse(Object.fromEntries(form.entries()));
  if (!parsed.success) {
    return {
      ok: false,
      fieldErrors: fieldErrorMap(zodFieldErrors(parsed.error, "_form")),
      values,
      at: Date.now(),
    };
  }
  try {
    const message = await run(parsed.data);
    return { ok: true, message: message ?? "saved", at: Date.now() };
  } catch (error) {
    return { ...formError(error), values, at: Date.now() };
  }
}

/** One message code per field, as a form shows them. */
export function fieldErrorMap(fields: FieldError[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.field, f.message]));
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
  console.error("[action] unexpected error:", error);
  return { ok: false, message: "unexpected" };
}
