type Cell = unknown;

// RFC 4180 quoting, plus a leading apostrophe for cells a spreadsheet would run as a formula (an activity
// named "=HYPERLINK(…)" must stay text).
function cell(v: Cell): string {
  if (v === null || v === undefined) return '';
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const toCsv = (header: string[], rows: Cell[][]): string => [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
