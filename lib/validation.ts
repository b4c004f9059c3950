import { z } from "zod";
import { type FieldError, validationError } from "@/lib/errors";

// C0/C1 controls, DEL, and the invisible format characters (bidi overrides, zero-width) that make
// a name look like something it is not. Line breaks are allowed only where a field says so.
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const CONTROL_EXCEPT_NEWLINE = /[\p{Cf}\u2028\u2029]|(?![\n\t])\p{Cc}/u;

export const msg = {
  required: "required",
  tooLong: "too-long",
  tooShort: "too-short",
  control: "control-characters",
  email: "invalid-email",
} as const;

/** A single-line text field: trimmed, non-empty, length-capped, free of control characters. */
export function text(max: number, { min = 1 }: { min?: number } = {}) {
  return z
    .string({ error: msg.required })
    .trim()
    .min(min, { error: min <= 1 ? msg.required : msg.tooShort })
    .max(max, { error: msg.tooLong })
    .refine((v) => !CONTROL.test(v), { error: msg.control });
}

/** Multi-line plain text (messages): newlines and tabs allowed, other controls not. */
export function multiline(max: number) {
  return z
    .string()
    .max(max, { error: msg.tooLong })
    .refine((v) => !CONTROL_EXCEPT_NEWLINE.test(v), { error: msg.control })
    .transform((v) => v.replace(/\r\n?/g, "\n").trim());
}

/** One e-mail address, lower-cased. Anything that could smuggle a second address or a header fails. */
export const email = z
  .string({ error: msg.required })
  .trim()
  .min(1, { error: msg.required })
  .max(254, { error: msg.tooLong })
  .refine((v) => !CONTROL.test(v), { error: msg.control })
  .pipe(z.email({ error: msg.email }))
  .transform((v) => v.toLowerCase());

/** A password as typed: never trimmed, only length-checked. */
export const password = z
  .string({ error: msg.required })
  .min(1, { error: msg.required })
  .max(256, { error: msg.tooLong });

export const newPassword = z
  .string({ error: msg.required })
  .min(1, { error: msg.required })
  .min(10, { error: msg.tooShort })
  .max(256, { error: msg.tooLong })
  .refine((v) => !CONTROL.test(v), { error: msg.control });

export const locale = z.enum(["de", "en"]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A row's id as a form or a link sends it (a member, an invitation, a license): null when missing
 * or malformed, which the use case answers as not found, like another organisation's id, and never
 * as a form error.
 */
export const rowId = z.uuid().nullable().catch(null);

/** Whether an id from a URL or form can be a row id at all; anything else is simply not found. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Each offending field once, with its first message and dotted path (`users.mobile`); the root is `root`. */
export function zodFieldErrors(error: z.ZodError, root = "body"): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || root;
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: issue.message });
  }
  return out;
}

/** One message code per field, as a form shows them (also in the browser: this module is client-safe). */
export function fieldErrorMap(fields: FieldError[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.field, f.message]));
}

/**
 * Parses a use case's input: the one place input is parsed (forms and APIs hand the raw values on).
 * Bad input is an AppError "validation" naming each field, which every adapter knows how to show.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError(zodFieldErrors(parsed.error, "_form"), "Invalid input");
  return parsed.data;
}

declare const unchecked: unique symbol;

/**
 * Values from outside that nobody has checked yet: a form's fields, or the object a client component
 * posts. Only a use case's parse makes sense of them; the brand keeps them apart from typed input.
 */
export type RawValues = Readonly<Record<string, unknown>> & { readonly [unchecked]: true };

/** Marks values as raw input for a use case (adapters do, once, where the values arrive). */
export function rawValues(values: Record<string, unknown>): RawValues {
  return values as RawValues;
}

/**
 * What a use case that parses its own input accepts: the values its schema reads, checked by the
 * compiler for callers that have them typed, or raw values straight from a form.
 */
export type RawInput<S extends z.ZodType> = z.input<S> | RawValues;
