import { describe, expect, it } from "vitest";
import { formatServerCode, generateServerCode, normalizeServerCode } from "@/lib/servers/server-id";

describe("Server-IDs", () => {
  it("are 12 Crockford characters, shown as XXXX-XXXX-XXXX", () => {
    const code = generateServerCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    expect(formatServerCode(code)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });

  it("are random: no repeats and no shared prefix pattern across many", () => {
    const codes = Array.from({ length: 5000 }, generateServerCode);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character position uses (nearly) the whole alphabet: nothing sequential or fixed.
    for (let pos = 0; pos < 12; pos++) {
      expect(new Set(codes.map((c) => c[pos])).size).toBeGreaterThanOrEqual(30);
    }
  });

  it("accept any case, spaces, hyphens, and O/I/L typed for 0/1", () => {
    expect(normalizeServerCode("ab1c-d2ef-3gh0")).toBe("AB1CD2EF3GH0");
    expect(normalizeServerCode(" ab1c d2ef 3ghO ")).toBe("AB1CD2EF3GH0");
    expect(normalizeServerCode("AB1C-D2EF-3GHO")).toBe("AB1CD2EF3GH0");
    expect(normalizeServerCode("abIc-d2ef-3gh0")).toBe("AB1CD2EF3GH0");
    expect(normalizeServerCode("ablc-d2ef-3gh0")).toBe("AB1CD2EF3GH0");
  });

  it("refuse what cannot be one", () => {
    expect(normalizeServerCode("")).toBeNull();
    expect(normalizeServerCode("AB1C-D2EF-3GH")).toBeNull();
    expect(normalizeServerCode("AB1C-D2EF-3GH00")).toBeNull();
    expect(normalizeServerCode("AB1C-D2EF-3GHU")).toBeNull();
    expect(normalizeServerCode("AB1C-D2EF-3GH!")).toBeNull();
  });
});
