// CSV for downloads (analytics exports, the coach's P&L): one writer, so every export is safe to open in a spreadsheet.

type Cell = unknown;

// RFC 4180 quoting, plus a leading apostrophe for cells a spreadsheet would run as a formula (an activity
// named "=HYPERLINK(…)" must stay text).
function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const toCsv = (header: string[], rows: Cell[][]): string =>
  [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';

/** Rows without a header, for a CSV written page by page (the data archive's spreadsheets). */
export const csvRows = (rows: Cell[][]): string => rows.map((r) => `${r.map(cell).join(',')}\r\n`).join('');

/** A CSV body as a private, uncached download named `filename`. */
export const csvResponse = (body: string, filename: string): Response =>
  new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
      'cache-control': 'private, no-store',
    },
  });
