// The plan as a printable PDF, written by hand: a PDF library would add hundreds of kilobytes to a
// worker bundle that has a size cap, for output that is only text and rules. A4 pages in the
// standard Helvetica (no font to embed), PDF 1.4, uncompressed ASCII content streams, so byte
// offsets are string offsets and the file can be read in a text editor when something looks wrong.
import { addDays } from '../../../lib/dates.ts';
import { formatWeekdayDate } from '../../../lib/format.ts';
import { byDayAndSlot, type Sport, slotPrefix } from '../plans.types.ts';
import type { ExportPlan, ExportWorkout } from './export.types.ts';
import { MARGIN, PAGE, PageBuilder, pdfDocument } from './pdf-document.ts';
import { winAnsiBytes, wrapBytes } from './pdf-text.ts';
import { formatDistance, formatDuration, workoutText } from './workout-text.ts';

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

function workoutLength(w: ExportWorkout): string {
  if (w.durationSec > 0) return formatDuration(w.durationSec);
  return w.distanceM ? formatDistance(w.distanceM) : '';
}

/** Draws the title block, the weeks and the rows; returns the pages' operator lists. */
function layout(plan: ExportPlan, workouts: ExportWorkout[]): string[][] {
  const shown = workouts
    .filter((w) => w.sport !== 'rest' && w.type !== 'rest')
    .sort((a, b) => byDayAndSlot(a, b) || a.title.localeCompare(b.title));
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
      const cells = [
        formatWeekdayDate(w.date),
        SPORT_LABEL[w.sport],
        `${slotPrefix(w.slot)}${w.title}${STATUS_NOTE[w.status]}`,
        workoutLength(w),
      ];
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

/** The plan, week by week, as PDF bytes. Rest days are left out (a day without a row is a day off). */
export function planPdf(plan: ExportPlan, workouts: ExportWorkout[]): Uint8Array {
  return pdfDocument(layout(plan, workouts), { title: plan.goalLabel, author: plan.athleteName });
}
