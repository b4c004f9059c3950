import { hashPassword } from "@/lib/auth/password";
import { randomToken } from "@/lib/crypto";

/** A new server password: 144 random bits, URL-safe, shown once and stored only as Argon2id. */
export async function newServerPassword(): Promise<{ password: string; hash: string }> {
  const password = randomToken(18);
  return { password, hash: await hashPassword(password) };
}
