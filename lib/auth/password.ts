import argon2 from "argon2";

// OWASP's second argon2id profile (19 MiB, t=2, p=1): ~20 ms here, cheap enough for a login burst.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, OPTIONS);
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

// Verified against when the account does not exist, so both answers take the same time.
let dummy: Promise<string> | undefined;
export async function verifyAgainstDummy(plain: string): Promise<void> {
  dummy ??= hashPassword("not-a-real-password-but-costs-the-same");
  await verifyPassword(await dummy, plain);
}
