import { createHash, randomBytes } from "node:crypto";

// Crockford base32: no I, L, O, U, so a key read aloud or typed by hand has fewer look-alikes.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const GROUPS = 4;
const GROUP_LENGTH = 4;
const PREFIX = "UCL";

/** A new key `UCL-XXXX-XXXX-XXXX-XXXX`: 16 characters of 5 random bits each, 80 bits in all. */
export function generateLicenseKey(): string {
  const bytes = randomBytes(GROUPS * GROUP_LENGTH);
  // Each byte picks one character; 256 is a multiple of 32, so the pick is uniform.
  const chars = [...bytes].map((b) => ALPHABET[b % 32]).join("");
  const groups = chars.match(new RegExp(`.{${GROUP_LENGTH}}`, "g")) ?? [];
  return [PREFIX, ...groups].join("-");
}

/**
 * The canonical form of a key as typed: case, spaces and hyphens do not matter, the prefix may be
 * left out, and the look-alikes Crockford allows (O→0, I/L→1) are read as what they stand for.
 * Null when it cannot be a key at all.
 */
export function normalizeLicenseKey(input: string): string | null {
  let s = input.toUpperCase().replace(/[\s\-_]/g, "");
  if (s.startsWith(PREFIX) && s.length === PREFIX.length + GROUPS * GROUP_LENGTH) s = s.slice(PREFIX.length);
  s = s.replace(/O/g, "0").replace(/[IL]/g, "1");
  if (s.length !== GROUPS * GROUP_LENGTH) return null;
  for (const c of s) if (!ALPHABET.includes(c)) return null;
  return s;
}

/** What is stored: the SHA-256 of the canonical form. A key has 80 random bits, so no slow hash is needed. */
export function hashLicenseKey(canonical: string): string {
  return createHash("sha256").update(canonical).digest("hex");
}

/** The last group, to tell keys apart in lists without revealing them. */
export function licenseKeyHint(canonical: string): string {
  return canonical.slice(-GROUP_LENGTH);
}
