import { parse } from "csv-parse/sync";
import { AppError } from "@/lib/errors";
import type { RawRecipient } from "./recipients";

// Column names as people write them, in either language.
const COLUMNS: Record<string, keyof RawRecipient> = {
  name: "name",
  "full name": "name",
  email: "email",
  "e-mail": "email",
  "e-mail-adresse": "email",
  "email address": "email",
  mail: "email",
  login: "loginName",
  "login name": "loginName",
  loginname: "loginName",
  benutzername: "loginName",
  "user name": "loginName",
  username: "loginName",
  language: "locale",
  sprache: "locale",
  locale: "locale",
};

function csvError(message: string): AppError {
  return new AppError("validation", message, { fields: [{ field: "csv", message }] });
}

/**
 * An uploaded CSV file: UTF-8 (with or without BOM), `,` or `;` separated, a header row naming at
 * least the e-mail column. Anything else is refused with a message that says what to fix.
 */
export function parseRecipientsCsv(bytes: Uint8Array): RawRecipient[] {
  if (bytes.length === 0) throw csvError("csv-empty");
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw csvError("csv-encoding");
  }
  let content: string;
  try {
    content = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw csvError("csv-encoding");
  }
  const firstLine = content.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  let records: string[][];
  try {
    records = parse(content, { delimiter, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch {
    throw csvError("csv-malformed");
  }
  const [header, ...rows] = records;
  if (!header) throw csvError("csv-empty");
  const columns = header.map((h) => COLUMNS[h.toLowerCase().replace(/\s+/g, " ").trim()]);
  if (!columns.includes("email")) throw csvError("csv-columns");
  if (rows.length === 0) throw csvError("csv-empty");
  return rows.map((cells) => {
    const row: RawRecipient = {};
    columns.forEach((key, i) => {
      if (key) row[key] = key === "locale" ? cells[i]?.toLowerCase() : cells[i];
    });
    return row;
  });
}
