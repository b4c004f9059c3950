import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { type TermsKind, termsAcceptances } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireCurrentDocuments } from "./current-documents";
import { refreshTermsState } from "./refresh-terms-state";

export type AcceptTermsFromUcserverInput = {
  server: { id: string; code: string; organisationId: string | null };
  accept: { kind: TermsKind; version: string }[];
  acceptedBy: string;
  ip: string | null;
};

/**
 * Records the consent a UCServer's admin gave in the "Online Dienste" wizard. It covers this server
 * only. Versions that are not current refuse the whole request; a document this server already
 * accepted is not recorded twice.
 */
export async function acceptTermsFromUcserver(db: Db, input: AcceptTermsFromUcserverInput): Promise<void> {
  await db.transaction(async (tx) => {
    const docs = await requireCurrentDocuments(tx, input.accept);
    const already = await tx
      .select({ documentId: termsAcceptances.documentId })
      .from(termsAcceptances)
      .where(
        and(
          eq(termsAcceptances.serverId, input.server.id),
          inArray(
            termsAcceptances.documentId,
            docs.map((d) => d.id),
          ),
        ),
      );
    const known = new Set(already.map((a) => a.documentId));
    const fresh = docs.filter((d) => !known.has(d.id));
    if (fresh.length === 0) return;
    await tx.insert(termsAcceptances).values(
      fresh.map((d) => ({
        documentId: d.id,
        kind: d.kind,
        version: d.version,
        serverId: input.server.id,
        source: "ucserver" as const,
        acceptedBy: input.acceptedBy,
        ip: input.ip,
      })),
    );
    await refreshTermsState(tx, { serverId: input.server.id });
    await recordAudit(
      tx,
      { userId: null, label: `ucserver:${input.server.code}`, ip: input.ip },
      {
        organisationId: input.server.organisationId,
        action: "terms.accepted",
        targetType: "server",
        targetId: input.server.id,
        details: {
          source: "ucserver",
          acceptedBy: input.acceptedBy,
          documents: fresh.map((d) => `${d.kind}@${d.version}`),
        },
      },
    );
  });
}
