import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/permissions";
import { listSellableProducts } from "@/lib/products/list-sellable-products";
import type { TrialDetail } from "./get-trial";

/** One product of the convert form and the quantity it starts with (null: left empty). */
export type ConversionLine = { key: string; name: string; quantity: number | null };

/**
 * What the convert form offers for a trial: every product on sale, in the page's language, each
 * starting at the quantity the trial's server runs on now (its active trial licenses, the natural
 * starting point for what is bought), else at what every trial grants. `trial` is the trial as
 * `getTrial` read it for the same page. Sales only.
 */
export async function proposeConversion(
  db: Db,
  actor: Actor,
  input: { trial: Pick<TrialDetail, "server">; locale: "de" | "en" },
): Promise<ConversionLine[]> {
  requirePermission(actor, "trials.manage");
  const products = await listSellableProducts(db, actor, { locale: input.locale });
  const running = new Map(
    (input.trial.server?.licenses.licenses ?? [])
      .filter((l) => l.trial && l.status === "active")
      .map((l) => [l.product, l.quantity]),
  );
  return products.map((p) => ({
    key: p.key,
    name: p.name,
    quantity: running.get(p.key) ?? (p.trialQuantity || null),
  }));
}
