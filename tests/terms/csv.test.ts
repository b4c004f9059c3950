import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "@/lib/terms/csv";

describe("consent CSV cells", () => {
  it("quotes as RFC 4180 wants and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\r\nlines")).toBe('"two\r\nlines"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+49 123")).toBe("'+49 123");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
    expect(csvCell("\rcmd")).toBe('"\'\rcmd"');
    expect(csvCell(null)).toBe("");
  });

  it("starts with a byte order mark and ends every line with CRLF", () => {
    expect(
      toCsv([
        ["a", "b"],
        ["ä", "ö"],
      ]),
    ).toBe("\uFEFFa,b\r\nä,ö\r\n");
  });
});
