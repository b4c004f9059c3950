import type { CheckResult } from "./types";

/** A translator at the messages' root, as next-intl gives it (getTranslations(), createTranslator). */
export type RootTranslator = {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
};

export type CheckTexts = {
  title: string;
  reason: string;
  fix: string | null;
  /** What was seen, each value with its label, as plain text (never markup). */
  seen: { key: string; label: string; value: string }[];
};

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * A check's words, where they live: the network checks' beside the checker (`connectivityChecks`),
 * the push check's beside this area's page (`connectivity.push`), since it reads the heartbeat and
 * no network. The page and the alert mail both use this, so both say the same. A reason without its
 * own text shows its code rather than nothing. Times a check kept (ISO 8601: certificate dates)
 * are shown through `formatDate`, in the reader's language.
 */
export function checkTexts(
  t: RootTranslator,
  r: Pick<CheckResult, "check" | "reason" | "seen">,
  formatDate: (d: Date) => string = (d) => d.toISOString(),
): CheckTexts {
  const base = r.check === "push" ? "connectivity.push" : "connectivityChecks";
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(r.seen)) {
    if (v === null || v === "") continue;
    if (typeof v === "string" && ISO.test(v)) values[k] = formatDate(new Date(v));
    else values[k] = typeof v === "boolean" ? String(v) : v;
  }
  const text = (key: string) => (t.has(key) ? t(key, values) : null);
  return {
    title: text(r.check === "push" ? `${base}.title` : `${base}.check.${r.check}.title`) ?? r.check,
    reason: text(`${base}.reason.${r.reason}`) ?? r.reason,
    fix: text(`${base}.fix.${r.reason}`),
    seen: Object.entries(values).map(([key, v]) => ({
      key,
      label: text(`connectivityChecks.seen.${key}`) ?? key,
      value: String(v),
    })),
  };
}
