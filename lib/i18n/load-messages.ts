import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Locale } from "@/db/schema";
import { env } from "@/lib/env";

type Messages = Record<string, unknown>;
const cache = new Map<Locale, Messages>();

/**
 * Every JSON file in messages/<locale>/ merged into one object (each file holds whole top-level
 * namespaces), so each area keeps its texts in a file of its own.
 */
export function loadMessages(locale: Locale): Messages {
  const hit = cache.get(locale);
  if (hit) return hit;
  const dir = path.join(process.cwd(), "lib", "i18n", "messages", locale);
  const merged: Messages = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const part = JSON.parse(readFileSync(path.join(dir, file), "utf8")) as Messages;
    for (const [ns, value] of Object.entries(part)) {
      if (ns in merged) throw new Error(`messages/${locale}/${file}: namespace "${ns}" is defined twice`);
      merged[ns] = value;
    }
  }
  if (env().NODE_ENV === "production") cache.set(locale, merged);
  return merged;
}
