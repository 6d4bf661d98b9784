// Text for the plan PDF's standard Helvetica: WinAnsi bytes, string literals and widths. The 14
// standard fonts need no embedding, but they only know WinAnsi's 218 characters: accented Latin
// letters outside it lose their accent (ő → o), symbols get an ASCII stand-in, the rest become "?".

/** WinAnsi's 0x80–0x9F block in byte order (NUL: unassigned); 0xA0–0xFF are Latin-1 and ASCII is itself. */
const WIN_ANSI_80 = '€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ';
const WIN_ANSI_HIGH = new Map([...WIN_ANSI_80].flatMap((ch, i) => (ch === '\0' ? [] : [[ch.codePointAt(0)!, 0x80 + i] as const])));

// Letters without a decomposition, and symbols plans use.
// biome-ignore format: a table reads better as a table
const STAND_INS: Record<string, string> = {
  'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd', 'ı': 'i', 'Ħ': 'H', 'ħ': 'h', '✓': 'v', '✔': 'v', '→': '->', '←': '<-', '≤': '<=', '≥': '>=',
  '−': '-', '\u2009': ' ', '\u202f': ' ',
};

function byteOf(ch: string): number | undefined {
  const cp = ch.codePointAt(0)!;
  if ((cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff)) return cp;
  return WIN_ANSI_HIGH.get(cp);
}

/** The WinAnsi bytes of a text; line breaks and tabs become spaces. */
export function winAnsiBytes(text: string): number[] {
  const out: number[] = [];
  for (const ch of text.replace(/[\t\r\n]+/g, ' ')) {
    const direct = byteOf(ch);
    if (direct !== undefined) {
      out.push(direct);
      continue;
    }
    const standIn = STAND_INS[ch] ?? ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    const mapped = [...standIn].map(byteOf);
    if (standIn !== ch && standIn.length > 0 && mapped.every((b) => b !== undefined)) out.push(...(mapped as number[]));
    else if (ch.codePointAt(0)! >= 0x20) out.push(0x3f);
  }
  return out;
}

/** A PDF string literal holding only ASCII: parentheses and backslash escaped, other bytes in octal. */
export function pdfString(bytes: number[]): string {
  let s = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) s += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) s += `\\${b.toString(8).padStart(3, '0')}`;
    else s += String.fromCharCode(b);
  }
  return `${s})`;
}

// Helvetica advance widths (1/1000 em) of ASCII 0x20–0x7E, from the font's AFM metrics.
// biome-ignore format: a table reads better as a table
const ASCII_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278,
  584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944,
  667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
  278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/** Width in points at `size`; bytes above ASCII count as a typical letter, bold as 6 % wider. */
export function textWidth(bytes: number[], size: number, bold = false): number {
  const units = bytes.reduce((sum, b) => sum + (b >= 0x20 && b <= 0x7e ? ASCII_WIDTHS[b - 0x20]! : 556), 0);
  return (units * size * (bold ? 1.06 : 1)) / 1000;
}

/** The bytes cut to fit `maxWidth`, ending in "…" when cut. */
export function fitBytes(bytes: number[], size: number, maxWidth: number, bold = false): number[] {
  if (textWidth(bytes, size, bold) <= maxWidth) return bytes;
  const ellipsis = 0x85;
  const out = [...bytes];
  while (out.length > 0 && (out.at(-1) === 0x20 || textWidth([...out, ellipsis], size, bold) > maxWidth)) out.pop();
  return [...out, ellipsis];
}

/** Greedy word wrap into at most `maxLines` lines; the last one ends in "…" when text is left over. */
export function wrapBytes(bytes: number[], size: number, maxWidth: number, maxLines: number): number[][] {
  const lines: number[][] = [];
  let rest = bytes;
  while (rest.length > 0 && lines.length < maxLines - 1 && textWidth(rest, size) > maxWidth) {
    let cut = rest.length;
    while (cut > 0 && (rest[cut] !== 0x20 || textWidth(rest.slice(0, cut), size) > maxWidth)) cut--;
    if (cut === 0) break;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut + 1);
  }
  if (rest.length > 0) lines.push(fitBytes(rest, size, maxWidth));
  return lines;
}

/** A text string outside content streams (document info): UTF-16BE with a byte-order mark, in hex. */
export function pdfTextString(text: string): string {
  let hex = '<FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `${hex}>`;
}
