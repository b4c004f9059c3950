import { describe, expect, it } from "vitest";
import { parseRecipientsCsv } from "@/lib/invitations/parse-recipients-csv";
import { checkRecipients, parsePastedRecipients } from "@/lib/invitations/recipients";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("pasted recipient lists", () => {
  it("understands plain addresses, Name <address> and separated fields", () => {
    const rows = parsePastedRecipients(
      "anna@example.test\nBen Berg <ben@example.test>\nCara Cole; cara@example.test; ccole; en\n\n\tdora@example.test\tdora\n",
    );
    const { valid, rejected } = checkRecipients(rows, "de");
    expect(rejected).toEqual([]);
    expect(valid.map((r) => [r.name, r.email, r.loginName, r.locale])).toEqual([
      [null, "anna@example.test", null, "de"],
      ["Ben Berg", "ben@example.test", null, "de"],
      ["Cara Cole", "cara@example.test", "ccole", "en"],
      [null, "dora@example.test", "dora", "de"],
    ]);
  });

  it("rejects each bad line with its reason and keeps the good ones", () => {
    const rows = parsePastedRecipients(
      [
        "good@example.test",
        "not-an-address",
        "a@example.test, b@example.test",
        "GOOD@example.test",
        "Eve\u202e <eve@example.test>",
        "two@example.test three@example.test",
      ].join("\n"),
    );
    const { valid, rejected } = checkRecipients(rows, "de");
    expect(valid.map((r) => r.email)).toEqual(["good@example.test"]);
    expect(rejected.map((r) => [r.line, r.reason])).toEqual([
      [2, "invalid-email"],
      [3, "multiple-addresses"],
      [4, "duplicate"],
      [5, "control-characters"],
      [6, "multiple-addresses"],
    ]);
  });

  it("never lets a line break smuggle a header or a second recipient", () => {
    const { valid, rejected } = checkRecipients([{ email: "a@example.test\r\nBcc: x@example.test" }], "de");
    expect(valid).toEqual([]);
    expect(rejected[0]?.reason).toMatch(/control-characters|multiple-addresses/);
  });
});

describe("CSV uploads", () => {
  it("reads a header row in either language, either delimiter, quoted fields and a BOM", () => {
    const rows = parseRecipientsCsv(
      utf8('\uFEFFName;E-Mail;Benutzername;Sprache\n"Müller, Jörg";joerg@example.test;jmueller;EN\n'),
    );
    expect(rows).toEqual([
      { name: "Müller, Jörg", email: "joerg@example.test", loginName: "jmueller", locale: "en" },
    ]);
    const comma = parseRecipientsCsv(utf8("email,name\nx@example.test,X\n"));
    expect(comma).toEqual([{ email: "x@example.test", name: "X" }]);
  });

  it.each([
    ["no e-mail column", utf8("name;phone\nA;123\n"), "csv-columns"],
    ["UTF-16", new Uint8Array([0xff, 0xfe, 0x65, 0x00]), "csv-encoding"],
    [
      "Latin-1 bytes",
      new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x0a, 0xfc, 0x40, 0x78, 0x2e, 0x64, 0x65]),
      "csv-encoding",
    ],
    ["empty", new Uint8Array(), "csv-empty"],
    ["header only", utf8("email\n"), "csv-empty"],
  ])("refuses %s with a clear message", (_, bytes, message) => {
    expect(() => parseRecipientsCsv(bytes)).toThrow(
      expect.objectContaining({ fields: [{ field: "csv", message }] }),
    );
  });
});
