import { z } from "zod";

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

/** Whether an id from a URL or form can be a row id at all; anything else is simply not found. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Flattens zod issues to one message code per field (the first), for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}
