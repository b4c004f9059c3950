import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import { readConsentLedger } from "./consent-ledger";
import { toCsv } from "./csv";

/** Enough for any real organisation; a bound so one request cannot read without end. */
const MAX_ROWS = 100_000;

/**
 * The organisation's whole consent ledger as CSV, for its records or an auditor. Owners and admins
 * only. The export is audited, since it carries personal data (names and IP addresses).
 */
export async function exportConsentsCsv(db: Db, actor: Actor): Promise<{ csv: string; rows: number }> {
  const org = requirePermission(actor, "consents.view");
  const { rows } = await readConsentLedger(db, org.id, { limit: MAX_ROWS, offset: 0 });
  const csv = toCsv([
    ["accepted_at", "kind", "version", "accepted_by", "source", "server_id", "server_name", "ip"],
    ...rows.map((r) => [
      r.acceptedAt.toISOString(),
      r.kind,
      r.version,
      r.acceptedBy,
      r.source,
      r.server?.serverId ?? "",
      r.server?.name ?? "",
      r.ip ?? "",
    ]),
  ]);
  await recordAudit(db, auditActor(actor), {
    organisationId: org.id,
    action: "terms.consents-exported",
    targetType: "organisation",
    targetId: org.id,
    details: { rows: rows.length },
  });
  return { csv, rows: rows.length };
}
