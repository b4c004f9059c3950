import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n/load-messages";

function keys(o: unknown, prefix = ""): string[] {
  if (typeof o !== "object" || o === null) return [prefix];
  return Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("messages", () => {
  it("German and English have exactly the same keys, none empty", () => {
    const de = keys(loadMessages("de")).sort();
    const en = keys(loadMessages("en")).sort();
    expect(de.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !de.includes(k))).toEqual([]);
    expect(de.length).toBeGreaterThan(100);
    const empty = (o: unknown): boolean =>
      typeof o === "string" ? o.trim() === "" : Object.values(o as object).some(empty);
    expect(empty(loadMessages("de"))).toBe(false);
    expect(empty(loadMessages("en"))).toBe(false);
  });
});
