import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { licenses, products } from "@/db/schema";
import { refreshLicenseState } from "@/lib/licenses/refresh-license-state";

/**
 * Puts a trial's licenses on a server: every active product in its trial quantity, from now until
 * the trial's end, as ordinary license rows marked trial. A trial that has ended grants nothing.
 */
export async function grantTrialLicenses(
  db: DbOrTx,
  opts: { serverId: string; organisationId: string | null; endsAt: Date },
): Promise<number> {
  const now = new Date();
  if (opts.endsAt <= now) return 0;
  const catalogue = await db.select().from(products).where(eq(products.active, true));
  const granted = catalogue.filter((p) => p.trialQuantity > 0);
  if (granted.length > 0) {
    await db.insert(licenses).values(
      granted.map((p) => ({
        serverId: opts.serverId,
        organisationId: opts.organisationId,
        productKey: p.key,
        quantity: p.trialQuantity,
        validFrom: now,
        validUntil: opts.endsAt,
        trial: true,
      })),
    );
  }
  await refreshLicenseState(db, opts.serverId);
  return granted.length;
}
