// The training plan's words and numbers for the pages: labels, the visible calendar range, workout
// steps as text ("5 × (3 min Z4 / 2 min Z1)") and the plain-words reading of race-day form.
import { METRES_PER_UNIT } from '../../../worker/lib/format';
import { addDays, weekdayMon0 } from './analytics-format';

// The new-plan button's words, shared with the AI coach's answer that points to it.
export { CREATE_PLAN } from '../../../worker/features/plans/browser';

export type Units = 'km' | 'mi';
export type PlanView = 'week' | 'month';

export const GOAL_LABELS: Record<string, string> = {
  run_5k: '5 km run',
  run_10k: '10 km run',
  run_half: 'Half marathon',
  run_marathon: 'Marathon',
  tri_sprint: 'Sprint triathlon',
  tri_olympic: 'Olympic triathlon',
  tri_70_3: '70.3 triathlon',
  tri_full: 'Full-distance triathlon',
  bike_event: 'Cycling event',
  general_fitness: 'General fitness',
};

export const GOAL_GROUPS = [
  { label: 'Running', kinds: ['run_5k', 'run_10k', 'run_half', 'run_marathon'] },
  { label: 'Triathlon', kinds: ['tri_sprint', 'tri_olympic', 'tri_70_3', 'tri_full'] },
  { label: 'Cycling', kinds: ['bike_event'] },
  { label: 'No event', kinds: ['general_fitness'] },
] as const;

export const PHASE_LABELS: Record<string, string> = { base: 'Base', build: 'Build', peak: 'Peak', taper: 'Taper', recovery: 'Recovery' };
export const SPORT_LABELS: Record<string, string> = {
  run: 'Run',
  bike: 'Ride',
  swim: 'Swim',
  strength: 'Strength',
  brick: 'Brick',
  rest: 'Rest',
};
/** Short sport tags for the cards (text, so they render without an emoji font). */
export const SPORT_TAGS: Record<string, string> = { run: 'Run', bike: 'Ride', swim: 'Swim', strength: 'Gym', brick: 'Brick', rest: 'Rest' };
/** The wizard's event date is at least this many days out (its date field's minimum). */
export const WIZARD_MIN_EVENT_DAYS = 14;
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export const ACTION_LABELS: Record<string, string> = {
  move: 'Moved',
  skip: 'Skipped',
  restore: 'Restored',
  undo: 'Undid a change',
  edit: 'Edited',
  add: 'Added',
  remove: 'Removed',
  delete: 'Removed',
  auto: 'Matched automatically',
  batch: 'Changed several workouts',
  rebuild: 'Rebuilt the plan',
  swap: 'Swapped days',
  adjust: 'Adjusted a week',
  link: 'Linked an activity',
  unlink: 'Unlinked an activity',
  pause: 'Paused the plan',
  resume: 'Resumed the plan',
  cancel: 'Cancelled the plan',
  proposal: 'Applied a proposed change',
  adapt: 'Adapted to your week',
};

/** Status changes and rebuilds are logged but not undoable (the API refuses: set the status again instead). */
export const NOT_UNDOABLE = new Set(['undo', 'pause', 'resume', 'cancel', 'rebuild']);

export interface PlanRange {
  view: PlanView;
  date: string;
  from: string;
  to: string;
  prev: string;
  next: string;
  /** The days drawn (a month view pads to whole Monday–Sunday weeks). */
  days: { date: string; inMonth: boolean }[];
}

const monday = (d: string) => addDays(d, -weekdayMon0(d));

export function planRange(view: PlanView, date: string): PlanRange {
  if (view === 'week') {
    const from = monday(date);
    const days = Array.from({ length: 7 }, (_, i) => ({ date: addDays(from, i), inMonth: true }));
    return { view, date, from, to: addDays(from, 6), prev: addDays(from, -7), next: addDays(from, 7), days };
  }
  const first = `${date.slice(0, 8)}01`;
  const nextFirst = `${addDays(first, 32).slice(0, 8)}01`;
  const from = monday(first);
  const to = addDays(monday(addDays(nextFirst, -1)), 6);
  const days: PlanRange['days'] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push({ date: d, inMonth: d.slice(0, 7) === first.slice(0, 7) });
  return { view, date, from, to, prev: `${addDays(first, -1).slice(0, 8)}01`, next: nextFirst, days };
}

export const isDay = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s));

export function minutes(sec: number): string {
  const m = Math.round(sec / 60);
  if (m < 60) return `${m} min`;
  return m % 60 === 0 ? `${m / 60} h` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function distanceText(metres: number | null, units: Units, sport?: string): string | null {
  if (!metres) return null;
  if (sport === 'swim') return `${Math.round(metres)} m`;
  const v = metres / METRES_PER_UNIT[units];
  return `${v >= 10 ? v.toFixed(0) : v.toFixed(1)} ${units}`;
}

export const hoursText = (sec: number) => `${(sec / 3600).toFixed(1)} h`;

interface TargetLike {
  zone?: number;
  metric?: string;
}
interface StepLike {
  kind?: string;
  count?: number;
  steps?: StepLike[];
  durationSec?: number | null;
  distanceM?: number | null;
  target?: TargetLike | null;
  note?: string;
}

const STEP_NAMES: Record<string, string> = {
  warmup: 'Warm-up',
  cooldown: 'Cool-down',
  work: 'Work',
  recovery: 'Recovery',
  steady: 'Steady',
};

function measure(s: StepLike, units: Units): string {
  if (s.durationSec) return minutes(s.durationSec);
  return distanceText(s.distanceM ?? null, units) ?? '';
}
const zone = (t: TargetLike | null | undefined) => (t?.zone ? `Z${t.zone}` : '');

/** One line per step: "Warm-up: 10 min Z1", "5 × (3 min Z4 / 2 min Z1)". */
export function stepLines(steps: StepLike[], units: Units): string[] {
  return steps.map((s) => {
    if (s.kind === 'repeat') {
      const inner = (s.steps ?? []).map((x) => [measure(x, units), zone(x.target)].filter(Boolean).join(' ')).join(' / ');
      return `${s.count ?? 1} × (${inner})`;
    }
    const what = [measure(s, units), zone(s.target)].filter(Boolean).join(' ');
    return `${STEP_NAMES[s.kind ?? ''] ?? 'Step'}: ${what}${s.note ? ` — ${s.note}` : ''}`;
  });
}

/** What a race-day form (TSB) means, in plain words. */
export function formReading(tsb: number | null): string {
  if (tsb === null) return 'No race day: the plan keeps building steadily.';
  if (tsb > 25) return 'Very fresh — perhaps a little under-trained for the day.';
  if (tsb >= 5) return 'Fresh and rested: a good place to race from.';
  if (tsb >= -10) return 'About neutral: rested enough, fitness kept.';
  return 'Still carrying fatigue on the day.';
}

export const signedNumber = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(Math.round(n))}`;

export function weeksBetween(from: string, to: string): number {
  return Math.max(0, Math.ceil((Date.parse(to) - Date.parse(from)) / (7 * 86_400_000)));
}

export const STATUS_LABELS: Record<string, string> = { pending: 'Planned', completed: 'Done', missed: 'Missed', skipped: 'Skipped' };
export const BAND_LABELS: Record<string, string> = { green: 'On target', yellow: 'Partly', red: 'Off target' };
