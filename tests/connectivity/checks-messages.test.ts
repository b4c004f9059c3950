import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import de from "@/lib/i18n/messages/de/connectivity-checks.json";
import en from "@/lib/i18n/messages/en/connectivity-checks.json";

const DIR = path.join(process.cwd(), "lib", "connectivity", "checks");

/** Every reason code the checker can produce, read from its source so a new one cannot go untranslated. */
function reasonCodes(): string[] {
  const codes = new Set<string>(["ok"]);
  for (const file of readdirSync(DIR).filter((f) => f.endsWith(".ts"))) {
    const source = readFileSync(path.join(DIR, file), "utf8");
    for (const m of source.matchAll(/\b(?:red|amber|skipped)\("([a-z0-9-]+)"/g)) codes.add(m[1]!);
    // result.ts maps error codes to reasons (`ECONNREFUSED: "refused",`, `return "tls-error";`).
    if (file === "result.ts") {
      for (const m of source.matchAll(/(?:: |return )"([a-z-]+)"[,;]\s*$/gm)) codes.add(m[1]!);
    }
    for (const m of source.matchAll(/reason = [^;]*"([a-z-]+)"[^;]*"([a-z-]+)"/g))
      codes.add(m[1]!).add(m[2]!);
  }
  return [...codes].sort();
}

// Sample values for every `seen` key a message may use.
const SEEN = {
  host: "ucserver.example.com",
  address: "10.0.0.1",
  addresses: "203.0.113.5",
  expected: "203.0.113.9",
  range: "private",
  port: 443,
  name: "_ctiwebserver._tcp.example.com",
  target: "other.example.com",
  protocol: "TLSv1.1",
  names: "other.example.com",
  validFrom: "2026-01-01T00:00:00.000Z",
  validTo: "2026-02-01T00:00:00.000Z",
  daysLeft: 3,
  verifyError: "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  status: 426,
  realm: "example.com",
  code: "ECONNREFUSED",
};

describe.each([
  ["de", de],
  ["en", en],
])("connectivity-checks.json (%s)", (locale, messages) => {
  const t = createTranslator({ locale, messages, namespace: "connectivityChecks" });

  it("explains every reason code the checker produces, and says how to fix every problem", () => {
    const codes = reasonCodes();
    expect(codes).toContain("blocked-address");
    expect(codes).toEqual(expect.arrayContaining(["dns-error", "error", "refused", "tls-error", "timeout"]));
    const reasons = messages.connectivityChecks.reason as Record<string, string>;
    const fixes = messages.connectivityChecks.fix as Record<string, string>;
    expect(codes.filter((c) => !reasons[c])).toEqual([]);
    expect(codes.filter((c) => c !== "ok" && !fixes[c])).toEqual([]);
  });

  it("formats every text with the values a result carries", () => {
    for (const group of ["reason", "fix"] as const) {
      for (const code of Object.keys(messages.connectivityChecks[group])) {
        const text = t(`${group}.${code}` as "reason.ok", SEEN);
        expect(text).not.toMatch(/[{}]|connectivityChecks\./);
      }
    }
    expect(t("reason.blocked-address", SEEN)).toContain(
      locale === "de" ? "private LAN-Adresse" : "private LAN address",
    );
  });

  it("names and describes every network check", () => {
    for (const id of ["dns-a", "dns-srv", "tls", "websocket", "stun", "turn"] as const) {
      expect(t(`check.${id}.title`)).not.toBe("");
      expect(t(`check.${id}.description`)).not.toBe("");
    }
  });
});
