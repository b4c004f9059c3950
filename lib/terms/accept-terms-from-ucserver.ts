import type { Db } from "@/db/client";
import type { TermsKind } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { requireCurrentDocuments } from "./current-documents";
import { recordAcceptances } from "./record-acceptances";
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
    const fresh = await recordAcceptances(
      tx,
      docs,
      { serverId: input.server.id },
      { source: "ucserver", acceptedBy: input.acceptedBy, ip: input.ip },
    );
    if (fresh.length === 0) return;
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
