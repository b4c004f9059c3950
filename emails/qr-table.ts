import QRCode from "qrcode";

const cache = new Map<string, string>();

/**
 * A QR code drawn as an HTML table of coloured cells. Mail clients block remote images and many drop
 * data: URIs, but every one of them renders table backgrounds, so the code shows everywhere. Runs of
 * one colour share a cell (colspan), which keeps the mail small; the result is cached per value.
 */
export function qrTable(value: string, cellPx = 5): string {
  const hit = cache.get(value);
  if (hit) return hit;
  const qr = QRCode.create(value, { errorCorrectionLevel: "M" });
  const size = qr.modules.size;
  const quiet = 2;
  const span = size + 2 * quiet;
  const dark = (x: number, y: number) => x >= 0 && y >= 0 && x < size && y < size && !!qr.modules.get(y, x);
  const rows: string[] = [];
  for (let y = -quiet; y < size + quiet; y++) {
    const cells: string[] = [];
    let x = -quiet;
    while (x < size + quiet) {
      const colour = dark(x, y);
      let run = 1;
      // The first row stays one cell per module: it fixes every column's width for the runs below.
      while (y > -quiet && x + run < size + quiet && dark(x + run, y) === colour) run++;
      const cs = run > 1 ? ` colspan="${run}"` : "";
      cells.push(
        `<td${cs} width="${run * cellPx}" height="${cellPx}" bgcolor="${colour ? "#000" : "#fff"}"></td>`,
      );
      x += run;
    }
    rows.push(`<tr>${cells.join("")}</tr>`);
  }
  const cols = `<colgroup>${`<col width="${cellPx}">`.repeat(span)}</colgroup>`;
  const html = `<table role="img" aria-label="QR: ${value}" width="${span * cellPx}" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;table-layout:fixed;line-height:0;font-size:0">${cols}${rows.join("")}</table>`;
  if (cache.size > 1000) cache.clear();
  cache.set(value, html);
  return html;
}
