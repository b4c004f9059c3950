/** "2 h 5 min" in the reader's language: the two largest units, enough to read a status history. */
export function formatDuration(ms: number, locale: string): string {
  const units = [
    ["day", 86_400_000],
    ["hour", 3_600_000],
    ["minute", 60_000],
    ["second", 1000],
  ] as const;
  const parts: string[] = [];
  let rest = Math.max(0, ms);
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    if (n > 0 || (unit === "second" && parts.length === 0)) {
      parts.push(new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "short" }).format(n));
      rest -= n * size;
    }
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}
