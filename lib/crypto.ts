import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A URL-safe random token; 32 bytes = 256 bits unless told otherwise. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

/** Tokens with 256 bits of entropy need no slow hash: SHA-256 makes a stolen table useless. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether a value could be one of our tokens at all; anything else is refused before any lookup. */
export function isTokenShaped(value: string): boolean {
  return /^[A-Za-z0-9_-]{20,200}$/.test(value);
}
