import type { DbOrTx } from "@/db/client";
import { type Server, servers } from "@/db/schema";
import { generateServerCode } from "./server-id";
import { newServerPassword } from "./server-password";

export type NewServer = {
  name: string;
  origin: Server["origin"];
  organisationId: string | null;
  contactEmail?: string | null;
  locale?: "de" | "en";
  ucserverVersion?: string | null;
};

/**
 * Inserts a server with a fresh random Server-ID and password. 60 random bits make a collision
 * very unlikely; should one happen, another ID is drawn.
 */
export async function insertServer(
  db: DbOrTx,
  input: NewServer,
): Promise<{ server: Server; password: string }> {
  const { password, hash } = await newServerPassword();
  for (let attempt = 0; attempt < 5; attempt++) {
    const [server] = await db
      .insert(servers)
      .values({
        code: generateServerCode(),
        name: input.name,
        origin: input.origin,
        organisationId: input.organisationId,
        passwordHash: hash,
        contactEmail: input.contactEmail ?? null,
        locale: input.locale ?? "de",
        ucserverVersion: input.ucserverVersion ?? null,
      })
      .onConflictDoNothing({ target: servers.code })
      .returning();
    if (server) return { server, password };
  }
  throw new Error("could not draw an unused server ID");
}
