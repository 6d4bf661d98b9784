import { extractText, getDocumentProxy, getMeta } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { buildPlan, buildPlanWorkouts, buildWorkout } from './exports.testing.ts';
import { planPdf } from './plan-pdf.ts';

const latin1 = (bytes: Uint8Array): string => Array.from(bytes, (b) => String.fromCharCode(b)).join('');

/**
 * Our own structural reading, independent of the writer: header, startxref → xref table, every
 * in-use offset lands on "N 0 obj", the trailer's /Size matches, each stream's /Length is its byte
 * count, and the page tree counts the page objects. Returns the page count.
 */
function checkStructure(bytes: Uint8Array): number {
  const file = latin1(bytes);
  expect(file.startsWith('%PDF-1.4\n')).toBe(true);
  const tail = /startxref\n(\d+)\n%%EOF\n$/.exec(file);
  expect(tail).not.toBeNull();
  const xrefAt = Number(tail![1]);
  const xref = /^xref\n0 (\d+)\n/.exec(file.slice(xrefAt));
  expect(xref).not.toBeNull();
  const size = Number(xref![1]);
  const entriesAt = xrefAt + xref![0].length;
  const entries = Array.from({ length: size }, (_, i) => file.slice(entriesAt + 20 * i, entriesAt + 20 * (i + 1)));
  expect(entries[0]).toBe('0000000000 65535 f \n');
  const objects = new Map<number, string>();
  entries.slice(1).forEach((entry, k) => {
    expect(entry).toMatch(/^\d{10} 00000 n \n$/);
    const offset = Number(entry.slice(0, 10));
    const num = k + 1;
    expect(file.startsWith(`${num} 0 obj\n`, offset)).toBe(true);
    const end = file.indexOf('\nendobj\n', offset);
    objects.set(num, file.slice(offset + `${num} 0 obj\n`.length, end));
  });
  const trailer = /trailer\n<<(.*)>>\nstartxref/s.exec(file.slice(entriesAt + 20 * size));
  expect(trailer![1]).toContain(`/Size ${size}`);
  const root = /\/Root (\d+) 0 R/.exec(trailer![1]!)!;
  expect(objects.get(Number(root[1]))).toMatch(/\/Type \/Catalog/);
  for (const body of objects.values()) {
    const stream = /^<< \/Length (\d+) >>\nstream\n/.exec(body);
    if (stream) expect(body.length - stream[0].length - '\nendstream'.length).toBe(Number(stream[1]));
  }
  const pages = [...objects.values()].filter((b) => /\/Type \/Page\b(?!s)/.test(b));
  const tree = [...objects.values()].find((b) => b.includes('/Type /Pages'))!;
  expect(tree).toContain(`/Count ${pages.length}`);
  return pages.length;
}

/** Text and metadata through unpdf (PDF.js), run inside workerd like the rest of the suite. */
async function pdfText(bytes: Uint8Array): Promise<{ totalPages: number; text: string[]; info: Record<string, unknown> }> {
  const doc = await getDocumentProxy(new Uint8Array(bytes));
  const { totalPages, text } = await extractText(doc, { mergePages: false });
  const { info } = await getMeta(doc);
  return { totalPages, text: text as string[], info: info as Record<string, unknown> };
}

describe('planPdf', () => {
  it('is a well-formed PDF whose text an independent reader extracts', async () => {
    const plan = buildPlan();
    const bytes = planPdf(plan, buildPlanWorkouts(plan, 2));
    expect(checkStructure(bytes)).toBe(1);
    const { totalPages, text, info } = await pdfText(bytes);
    expect(totalPages).toBe(1);
    expect(info).toMatchObject({ Title: 'Zürich Marathon – sub 3:30', Author: 'Anna Müller', PDFFormatVersion: '1.4' });
    const page = text[0]!;
    expect(page).toContain('Zürich Marathon – sub 3:30');
    expect(page).toContain('Anna Müller');
    expect(page).toContain('Week 1');
    expect(page).toContain('Week 2');
    expect(page).toContain('Tue 17 Mar');
    expect(page).toContain('Intervals week 2');
    // The totals, then the steps in the editor's text form (ADR 055).
    expect(page.replace(/\s+/g, ' ')).toContain(
      'Total 1 h 1 min · load 72; - warmup 15m Z1 60-75%; 5x; - 4m Z4 98-102%; - recovery 2m Z1 55-65%; - cooldown 10m Z1 50-70%',
    );
    expect(page).toContain('1 h 45 min');
    expect(page).toContain('Page 1 of 1');
    // Rest days are not rows.
    expect(page).not.toContain('Rest');
  });

  it('paginates a 24-week plan, repeating the week heading on a new page', async () => {
    const plan = buildPlan();
    expect(checkStructure(planPdf(plan, []))).toBe(1);
    const short = checkStructure(planPdf(plan, buildPlanWorkouts(plan, 4)));
    const bytes = planPdf(plan, buildPlanWorkouts(plan, 24));
    const pages = checkStructure(bytes);
    expect(pages).toBeGreaterThan(short);
    expect(pages).toBeGreaterThanOrEqual(4);
    const { totalPages, text } = await pdfText(bytes);
    expect(totalPages).toBe(pages);
    expect(text.at(-1)).toContain(`Page ${pages} of ${pages}`);
    expect(text.join('\n')).toContain('Week 24');
    // Every page starts with a week heading: a week cut by a page break is headed again, "(continued)".
    for (const page of text.slice(1)) expect(page).toMatch(/^Week \d+ · /);
    expect(text.join('\n')).toMatch(/Week \d+ · .* \(continued\)/);
  });

  it('replaces characters WinAnsi cannot show', async () => {
    const plan = buildPlan({ goalLabel: 'Łódź → Kraków ≥ 42 km 🏃', athleteName: 'Zoë 李' });
    const bytes = planPdf(plan, [buildWorkout({ title: 'Tempo “Ghent” €5 ✓' })]);
    checkStructure(bytes);
    const { text } = await pdfText(bytes);
    // ó is in WinAnsi; ź loses its accent; arrows and ≥ get ASCII stand-ins; an emoji or 李 becomes "?".
    expect(text[0]).toContain('Lódz -> Kraków >= 42 km ?');
    expect(text[0]).toContain('Zoë ?');
    expect(text[0]).toContain('Tempo “Ghent” €5 v');
  });
});
