// The plan as a printable PDF, written by hand: a PDF library would add hundreds of kilobytes to a
// worker bundle that has a size cap, for output that is only text and rules. A4 pages in the
// standard Helvetica (no font to embed), PDF 1.4, uncompressed ASCII content streams, so byte
// offsets are string offsets and the file can be read in a text editor when something looks wrong.
import { addDays } from '../../../lib/dates.ts';
import { formatWeekdayDate } from '../../../lib/format.ts';
import type { Sport } from '../plans.types.ts';
import type { ExportPlan, ExportWorkout } from './export.types.ts';
import { fitBytes, pdfString, pdfTextString, textWidth, winAnsiBytes, wrapBytes } from './pdf-text.ts';
import { formatDistance, formatDuration, workoutText } from './workout-text.ts';

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 40, right: 40, top: 48, bottom: 56 };
const ROW = 13;
const BODY = 8.5;
/** Column x positions and widths: date, sport, workout, time, key steps. */
const COLS = [
  { x: 40, w: 54 },
  { x: 94, w: 40 },
  { x: 134, w: 160 },
  { x: 294, w: 50 },
  { x: 344, w: 211 },
] as const;
/** Lines the steps cell may wrap to (the totals first, then the compact text form). */
const STEP_LINES = 4;

/** "Total 55 min · load 57; - warmup 15m Z1; 5x; - 4m Z4; …": totals, then the editor's text form. */
function pdfSteps(w: ExportWorkout): string {
  const [totals, ...lines] = workoutText(w).reverse();
  return totals ? [totals, ...lines.reverse().map((l) => l.trim())].join('; ') : '';
}

const SPORT_LABEL: Record<Sport, string> = { run: 'Run', bike: 'Bike', swim: 'Swim', strength: 'Strength', brick: 'Brick', rest: 'Rest' };
const STATUS_NOTE: Record<ExportWorkout['status'], string> = {
  planned: '',
  completed: ' (done)',
  skipped: ' (skipped)',
  missed: ' (missed)',
};

const n = (x: number): string => String(Number(x.toFixed(2)));

/** Collects one page's drawing operators; y runs top-down from the top margin. */
class PageBuilder {
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

function workoutLength(w: ExportWorkout): string {
  if (w.durationSec > 0) return formatDuration(w.durationSec);
  return w.distanceM ? formatDistance(w.distanceM) : '';
}

/** Draws the title block, the weeks and the rows; returns the pages' operator lists. */
function layout(plan: ExportPlan, workouts: ExportWorkout[]): string[][] {
  const shown = workouts
    .filter((w) => w.sport !== 'rest' && w.type !== 'rest')
    .sort((a, b) => (a.date === b.date ? a.title.localeCompare(b.title) : a.date < b.date ? -1 : 1));
  const weeks = new Map<number, ExportWorkout[]>();
  for (const w of shown) weeks.set(w.week, [...(weeks.get(w.week) ?? []), w]);

  const pages: PageBuilder[] = [];
  let page = new PageBuilder();
  pages.push(page);
  const usable = PAGE.width - MARGIN.left - MARGIN.right;
  page.text(MARGIN.left, plan.goalLabel, 18, { bold: true, maxWidth: usable });
  page.y -= 20;
  page.text(
    MARGIN.left,
    `${plan.athleteName} · ${formatWeekdayDate(plan.startDate)} ${plan.startDate.slice(0, 4)} to ${formatWeekdayDate(plan.endDate)} ${plan.endDate.slice(0, 4)}`,
    10,
    { maxWidth: usable },
  );
  page.y -= 14;
  const count = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  page.text(MARGIN.left, `${count(shown.length, 'workout')} over ${count(weeks.size, 'week')} · dates in ${plan.timeZone}`, 9, {
    gray: 0.4,
    maxWidth: usable,
  });
  page.y -= 10;
  page.rule(page.y, 0.2);
  page.y -= 8;

  const header = (week: number, rows: ExportWorkout[], cont: boolean) => {
    const start = addDays(plan.startDate, (week - 1) * 7);
    const phase = rows[0]?.phase ?? '';
    const label = `Week ${week} · ${formatWeekdayDate(start)} to ${formatWeekdayDate(addDays(start, 6))} · ${phase.charAt(0).toUpperCase()}${phase.slice(1)}`;
    page.y -= 16;
    page.text(MARGIN.left, cont ? `${label} (continued)` : label, 11, { bold: true, maxWidth: usable });
    page.y -= 5;
    page.rule(page.y);
    page.y -= ROW - 2;
  };
  const newPage = () => {
    page = new PageBuilder();
    pages.push(page);
  };

  for (const [week, rows] of [...weeks].sort((a, b) => a[0] - b[0])) {
    // A week heading never sits alone at the foot of a page.
    if (page.y - 32 - ROW < MARGIN.bottom) newPage();
    header(week, rows, false);
    for (const w of rows) {
      const steps = wrapBytes(winAnsiBytes(pdfSteps(w) || w.description), BODY, COLS[4].w, STEP_LINES);
      if (page.y - ROW * (steps.length - 1) < MARGIN.bottom) {
        newPage();
        header(week, rows, true);
      }
      const cells = [formatWeekdayDate(w.date), SPORT_LABEL[w.sport], `${w.title}${STATUS_NOTE[w.status]}`, workoutLength(w)];
      cells.forEach((cell, i) => {
        page.text(COLS[i]!.x, cell, BODY, { maxWidth: COLS[i]!.w - 4 });
      });
      for (const line of steps) {
        page.text(COLS[4].x, line, BODY, { gray: 0.3 });
        page.y -= ROW;
      }
      if (steps.length === 0) page.y -= ROW;
    }
  }

  return pages.map((p, i) => {
    p.rule(MARGIN.bottom - 16, 0.85);
    p.text(MARGIN.left, `Cadence · ${plan.goalLabel}`, 7.5, { gray: 0.4, y: MARGIN.bottom - 28, maxWidth: usable - 80 });
    p.rightText(PAGE.width - MARGIN.right, `Page ${i + 1} of ${pages.length}`, 7.5, 0.4, MARGIN.bottom - 28);
    return p.ops;
  });
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

/** The plan, week by week, as PDF bytes. Rest days are left out (a day without a row is a day off). */
export function planPdf(plan: ExportPlan, workouts: ExportWorkout[]): Uint8Array {
  const pages = layout(plan, workouts);
  const firstPage = 6;
  const kids = pages.map((_, i) => `${firstPage + 2 * i} 0 R`).join(' ');
  const font = (name: string) => `<< /Type /Font /Subtype /Type1 /BaseFont /${name} /Encoding /WinAnsiEncoding >>`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages.length} >>`,
    font('Helvetica'),
    font('Helvetica-Bold'),
    `<< /Title ${pdfTextString(plan.goalLabel)} /Author ${pdfTextString(plan.athleteName)} /Producer (Cadence) >>`,
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
