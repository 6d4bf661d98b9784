// The hand-written PDF writer the plan PDF and the race card share (one PDF path, no library: see plan-pdf.ts):
// A4 pages of text and rules in the standard Helvetica, serialized as PDF 1.4 with a cross-reference table.
import { fitBytes, pdfString, pdfTextString, textWidth, winAnsiBytes } from './pdf-text.ts';

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = { left: 40, right: 40, top: 48, bottom: 56 };

const n = (x: number): string => String(Number(x.toFixed(2)));

/** Collects one page's drawing operators; y runs top-down from the top margin. */
export class PageBuilder {
  ops: string[] = [];
  y = PAGE.height - MARGIN.top;

  text(
    x: number,
    text: string | number[],
    size: number,
    opts: { bold?: boolean; maxWidth?: number; gray?: number; y?: number } = {},
  ): void {
    let bytes = typeof text === 'string' ? winAnsiBytes(text) : text;
    if (opts.maxWidth !== undefined) bytes = fitBytes(bytes, size, opts.maxWidth, opts.bold);
    const gray = opts.gray ?? 0;
    this.ops.push(`BT /${opts.bold ? 'F2' : 'F1'} ${n(size)} Tf ${n(gray)} g ${n(x)} ${n(opts.y ?? this.y)} Td ${pdfString(bytes)} Tj ET`);
  }

  rightText(xRight: number, text: string, size: number, gray = 0.4, y = this.y): void {
    this.text(xRight - textWidth(winAnsiBytes(text), size), text, size, { gray, y });
  }

  rule(y: number, gray = 0.75): void {
    this.ops.push(`${n(gray)} G 0.5 w ${n(MARGIN.left)} ${n(y)} m ${n(PAGE.width - MARGIN.right)} ${n(y)} l S`);
  }
}

/** Serializes numbered objects with a cross-reference table; every character is below 256. */
function serialize(objects: string[]): string {
  // The comment line of bytes above 127 tells transfer tools the file is binary (PDF 7.5.2).
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return out;
}

/** Pages of operators (Helvetica as F1, Helvetica-Bold as F2) as PDF bytes, with a title and author. */
export function pdfDocument(pages: string[][], info: { title: string; author: string }): Uint8Array {
  const firstPage = 6;
  const kids = pages.map((_, i) => `${firstPage + 2 * i} 0 R`).join(' ');
  const font = (name: string) => `<< /Type /Font /Subtype /Type1 /BaseFont /${name} /Encoding /WinAnsiEncoding >>`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`,
    font('Helvetica'),
    font('Helvetica-Bold'),
    `<< /Title ${pdfTextString(info.title)} /Author ${pdfTextString(info.author)} /Producer (Cadence) >>`,
  ];
  pages.forEach((ops, i) => {
    const content = ops.join('\n');
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${firstPage + 2 * i + 1} 0 R >>`,
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    );
  });
  const file = serialize(objects);
  const bytes = new Uint8Array(file.length);
  for (let i = 0; i < file.length; i++) bytes[i] = file.charCodeAt(i);
  return bytes;
}
