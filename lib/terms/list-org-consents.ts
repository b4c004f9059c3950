import { z } from "zod";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import { type ConsentRow, readConsentLedger } from "./consent-ledger";

export const CONSENTS_PAGE_SIZE = 25;
export const consentsPageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export type ConsentPage = { rows: ConsentRow[]; total: number; page: number; pages: number };

/**
 * One page of the organisation's consent ledger. Owners and admins only: it names people and
 * their IP addresses, which members have no need to see.
 */
export async function listOrgConsents(db: Db, actor: Actor, opts: { page: number }): Promise<ConsentPage> {
  const org = requirePermission(actor, "consents.view");
  const page = Math.max(1, opts.page);
  const { rows, total } = await readConsentLedger(db, org.id, {
    limit: CONSENTS_PAGE_SIZE,
    offset: (page - 1) * CONSENTS_PAGE_SIZE,
  });
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / CONSENTS_PAGE_SIZE)) };
}
