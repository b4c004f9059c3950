import { randomBytes } from "node:crypto";

// Crockford base32: no I, L, O or U, so what is read aloud or typed from paper survives.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const SERVER_ID_LENGTH = 12;
const ALIASES: Record<string, string> = { O: "0", I: "1", L: "1" };

/**
 * A new random Server-ID in compact form: 12 characters = 60 random bits from the CSPRNG, so IDs
 * are neither sequential nor derivable from one another. Rejection sampling keeps it unbiased.
 */
export function generateServerCode(): string {
  let out = "";
  while (out.length < SERVER_ID_LENGTH) {
    for (const byte of randomBytes(16)) {
      // 256 is a multiple of 32, so the low five bits of a byte are uniform.
      out += ALPHABET[byte & 31];
      if (out.length === SERVER_ID_LENGTH) break;
    }
  }
  return out;
}

/**
 * A Server-ID as typed (any case, spaces, hyphens, O for 0, I/L for 1) in its compact canonical
 * form, or null when it cannot be one.
 */
export function normalizeServerCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s\-_.]/g, "");
  if (compact.length !== SERVER_ID_LENGTH) return null;
  let out = "";
  for (const ch of compact) {
    const c = ALIASES[ch] ?? ch;
    if (!ALPHABET.includes(c)) return null;
    out += c;
  }
  return out;
}

/** The form shown to people and returned on the wire: XXXX-XXXX-XXXX. */
export function formatServerCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}
