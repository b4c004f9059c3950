import { sql } from "drizzle-orm";
import { env } from "@/lib/env";
import type { Db } from "./client";
import { products, termsDocuments } from "./schema";

export const CURRENT_TERMS_VERSION = "2026-01";

const TERMS = [
  { kind: "license-terms", titleDe: "Lizenzbedingungen", titleEn: "License terms" },
  { kind: "privacy-policy", titleDe: "Datenschutzerklärung", titleEn: "Privacy policy" },
  {
    kind: "data-processing-agreement",
    titleDe: "ADV-Vereinbarung (Auftragsverarbeitung nach Art. 28 DSGVO)",
    titleEn: "Data processing agreement (Art. 28 GDPR)",
  },
] as const;

/**
 * The catalogue. Entitlements are the sum over a server's active licenses: quantity × the per-unit
 * users, and push/TURN as flags. Every trial gets `trialQuantity` of each product.
 */
export const PRODUCTS = [
  {
    key: "ucconnect-base",
    nameDe: "UCConnect Basis (Push-Benachrichtigungen)",
    nameEn: "UCConnect base (push notifications)",
    grantsPush: true,
    trialQuantity: 1,
    sortOrder: 10,
  },
  {
    key: "mobile-users",
    nameDe: "Mobile Benutzer",
    nameEn: "Mobile users",
    mobileUsersPerUnit: 1,
    trialQuantity: 25,
    sortOrder: 20,
  },
  {
    key: "audio-video-users",
    nameDe: "Audio/Video-Benutzer (STUN/TURN)",
    nameEn: "Audio/video users (STUN/TURN)",
    audioVideoUsersPerUnit: 1,
    grantsTurn: true,
    trialQuantity: 10,
    sortOrder: 30,
  },
] as const;

/**
 * Reference data every database needs (current terms versions, the product catalogue). Idempotent;
 * runs at every start. A kind that already has a current version keeps it: operators publish newer
 * ones in the portal, and a restart must not bring an old one back.
 */
export async function seedReference(db: Db): Promise<void> {
  const appUrl = env().APP_URL.replace(/\/$/, "");
  await db
    .insert(products)
    .values(PRODUCTS.map((p) => ({ ...p })))
    .onConflictDoNothing({ target: products.key });
  for (const t of TERMS) {
    await db.execute(sql`
      insert into terms_documents (kind, version, title_de, title_en, url, is_current)
      select ${t.kind}, ${CURRENT_TERMS_VERSION}, ${t.titleDe}, ${t.titleEn},
             ${`${appUrl}/legal/${t.kind}/${CURRENT_TERMS_VERSION}`},
             not exists (select 1 from ${termsDocuments} where kind = ${t.kind} and is_current)
      on conflict (kind, version) do nothing`);
  }
}
