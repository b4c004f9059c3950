/**
 * One CSV cell as RFC 4180 wants it, and safe to open in a spreadsheet: a value starting with
 * = + - @, a tab or a carriage return is prefixed with an apostrophe so it is never run as a
 * formula (OWASP "CSV injection"). Values with a comma, quote or line break are quoted.
 */
export function csvCell(value: string | null | undefined): string {
  let v = value ?? "";
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rows to a CSV document: CRLF line ends and a UTF-8 byte order mark, which Excel needs for umlauts. */
export function toCsv(rows: (string | null | undefined)[][]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
