import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { requirePermission } from "@/lib/permissions";
import { hitRateLimit, retryAfterSeconds } from "@/lib/rate-limit/hit-rate-limit";
import { readConsentLedger } from "./consent-ledger";
import { toCsv } from "./csv";

/** Enough for any real organisation; a bound so one request cannot read without end. */
const MAX_ROWS = 100_000;

// Each export reads the whole ledger: a person may download it a few times, not in a loop.
export const EXPORT_WINDOW_SECONDS = 10 * 60;
export const EXPORTS_PER_WINDOW = 10;

export type ConsentsCsv = { csv: string; filename: string; rows: number };

/**
 * The organisation's whole consent ledger as CSV, for its records or an auditor. Owners and admins
 * only, a few times in ten minutes each. The export is audited, since it carries personal data
 * (names and IP addresses).
 */
export async function exportConsentsCsv(db: Db, actor: Actor): Promise<ConsentsCsv> {
  const org = requirePermission(actor, "consents.view");
  const window = await hitRateLimit(db, `consents-export:${org.id}:${actor.userId}`, EXPORT_WINDOW_SECONDS);
  if (window.count > EXPORTS_PER_WINDOW) {
    throw new AppError("rate-limited", "Too many exports", { retryAfterSeconds: retryAfterSeconds(window) });
  }
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
  return { csv, filename: `consents-${new Date().toISOString().slice(0, 10)}.csv`, rows: rows.length };
}
