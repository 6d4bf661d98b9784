// The training calendar's words for the pages (athlete and coach alike): what each item and each week
// says, so colour is never the only carrier of compliance.
import type { CalendarJson } from '../../../worker/features/plans';
import { formatDistance, formatWeekdayDate } from '../../../worker/lib/format';
import { FORM_LABELS } from './analytics';
import { signed } from './analytics-format';
import { BAND_LABELS, distanceText, minutes, STATUS_LABELS, type Units } from './plans';

export type CalendarView = CalendarJson;
export type CalendarDayView = CalendarView['days'][number];
export type CalendarItemView = CalendarDayView['items'][number];
export type CalendarActivityView = CalendarItemView['activity'] & {};
export type CalendarWeekView = CalendarView['weeks'][number];

/** A workout as the calendar and the drawer show it: with the activity that completed it. */
export const workoutOf = (item: Extract<CalendarItemView, { kind: 'workout' }>) => ({ ...item.workout, activity: item.activity });
export type CalendarWorkoutView = ReturnType<typeof workoutOf>;

/** Activity sports as short tags (text, so they render without an emoji font), and as the plan's colour classes. */
export const ACTIVITY_TAGS: Record<string, string> = {
  run: 'Run',
  ride: 'Ride',
  swim: 'Swim',
  walk: 'Walk',
  hike: 'Hike',
  strength: 'Gym',
  other: 'Other',
  brick: 'Brick',
};
export const ACTIVITY_SPORT_CLASS: Record<string, string> = { ride: 'bike', walk: 'other', hike: 'other' };
export const SPORT_NAMES: Record<string, string> = {
  run: 'Run',
  ride: 'Ride',
  swim: 'Swim',
  walk: 'Walk',
  hike: 'Hike',
  strength: 'Strength',
  other: 'Other',
  brick: 'Brick',
};

/** ["52 min", "10.2 km"]: what was done, in the pieces a card keeps on one line each. */
export function doneParts(a: { durationSec: number; distanceM: number; sport: string }, units: Units): string[] {
  // What was done to a tenth ("10.2 km", as Activities writes it); a swim in metres.
  const distance =
    a.distanceM <= 0 ? null : a.sport === 'swim' ? distanceText(a.distanceM, units, 'swim') : formatDistance(a.distanceM, units);
  return distance ? [minutes(a.durationSec), distance] : [minutes(a.durationSec)];
}

/** "52 min · 10.2 km". */
export const doneText = (a: { durationSec: number; distanceM: number; sport: string }, units: Units) => doneParts(a, units).join(' · ');

/** Short sport tags for a narrow month cell: one or two letters, never the same for two sports. */
export const SHORT_TAGS: Record<string, string> = {
  run: 'R',
  bike: 'B',
  ride: 'B',
  swim: 'S',
  strength: 'G',
  brick: 'Br',
  rest: '–',
  walk: 'W',
  hike: 'H',
  other: 'O',
};

type Judged = { status: string; compliance: { band: string | null }; verdict?: { band: string | null; by: 'steps' | 'ratio' } | null };

/** The band a done workout is shown in: the server's one verdict where the view carries it (issue 55), else compliance's. */
export const doneBand = (w: Judged) => (w.verdict ? w.verdict.band : w.compliance.band);

/** A workout's status in words: "Done · On target", "Done · Off target by its steps", "Missed", "Skipped", "Planned". */
export function statusWords(w: Judged): string {
  const band = doneBand(w);
  if (w.status === 'completed' && band) return `Done · ${BAND_LABELS[band] ?? band}${w.verdict?.by === 'steps' ? ' by its steps' : ''}`;
  return STATUS_LABELS[w.status] ?? w.status;
}

/** "Tue 24 Nov": a day's name on the calendar. */
export const dayName = (ymd: string) => formatWeekdayDate(ymd);

/** A day as a screen reader hears it: "Tuesday 24 Nov, today: 1 done, 1 planned". */
export function dayLabel(day: CalendarDayView, today: string): string {
  const long = new Date(`${day.date}T00:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  const name = `${long} ${dayName(day.date).split(' ').slice(1).join(' ')}${day.date === today ? ', today' : ''}`;
  const counts: Record<string, number> = {};
  for (const item of day.items) {
    const key =
      item.kind === 'activity'
        ? 'unplanned'
        : item.workout.sport === 'rest'
          ? 'rest day'
          : (STATUS_LABELS[item.workout.status] ?? '').toLowerCase();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  const words = Object.entries(counts).map(([k, n]) => (k === 'rest day' ? k : `${n} ${k}`));
  return `${name}: ${words.length ? words.join(', ') : 'nothing'}`;
}

/** "3 of 4 workouts done · 1 missed · 1 skipped"; null when nothing was planned. */
export function weekWorkouts(w: CalendarWeekView): string | null {
  const x = w.workouts;
  if (x.planned === 0 && x.skipped === 0) return null;
  return [
    `${x.completed} of ${x.planned} workout${x.planned === 1 ? '' : 's'} done`,
    x.missed ? `${x.missed} missed` : null,
    x.skipped ? `${x.skipped} skipped` : null,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** A week's form in words: "Form −12 (productive)", or why there is none. */
export function weekForm(w: CalendarWeekView): string | null {
  if (w.form) return `Form ${signed(w.form.tsb, 0)} (${(FORM_LABELS[w.form.status] ?? w.form.status).toLowerCase()})`;
  return w.formNote === 'not_enough_data' ? 'Form: not enough data yet' : null;
}

/** "Load 290": the week's done load, rounded; null without any. */
export const weekLoad = (w: CalendarWeekView) => (w.done.load > 0 ? `load ${Math.round(w.done.load)}` : null);
