import type { Locale } from "@/db/schema";

export const LOCALES = ["de", "en"] as const satisfies readonly Locale[];
export const DEFAULT_LOCALE: Locale = "de";
export const LOCALE_COOKIE = "portal-locale";

export function isLocale(v: unknown): v is Locale {
  return v === "de" || v === "en";
}

/** The first of our locales in an Accept-Language header, by its q-values. */
export function localeFromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0], q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return (ranked.find((x) => isLocale(x.lang))?.lang as Locale | undefined) ?? null;
}
