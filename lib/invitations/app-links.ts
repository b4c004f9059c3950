import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { appSettings } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { type Actor, auditActor } from "@/lib/auth/actor";
import { authorize } from "@/lib/permissions";
import type { RawInput } from "@/lib/validation";

const KEY = "app-links";

/** Store searches until an operator enters the exact product pages. */
export const DEFAULT_APP_LINKS = {
  ios: "https://apps.apple.com/de/search?term=ProCall%20Mobile",
  android: "https://play.google.com/store/search?q=ProCall%20Mobile&c=apps",
};

const httpsUrl = z
  .string()
  .trim()
  .max(500, { error: "too-long" })
  .url({ error: "invalid-url" })
  .refine((v) => v.startsWith("https://"), { error: "invalid-url" });

export const appLinksSchema = z.object({ ios: httpsUrl, android: httpsUrl });
export type AppLinks = z.infer<typeof appLinksSchema>;

/** The app store links every invitation carries (operators' choice, else the defaults). */
export async function getAppLinks(db: DbOrTx): Promise<AppLinks> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, KEY));
  const parsed = appLinksSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_APP_LINKS;
}

/** Sets the app store links. Operators only. */
export async function updateAppLinks(
  db: Db,
  actor: Actor,
  raw: RawInput<typeof appLinksSchema>,
): Promise<void> {
  const { input } = authorize(actor, "app-links.manage", appLinksSchema, raw);
  await db.transaction(async (tx) => {
    await tx
      .insert(appSettings)
      .values({ key: KEY, value: input, updatedByUserId: actor.userId })
      .onConflictDoUpdate({
        target: appSettings.key,
        set: { value: input, updatedByUserId: actor.userId, updatedAt: new Date() },
      });
    await recordAudit(tx, auditActor(actor), {
      organisationId: null,
      action: "settings.app-links-updated",
      targetType: "app-settings",
      targetId: KEY,
      details: input,
    });
  });
}
