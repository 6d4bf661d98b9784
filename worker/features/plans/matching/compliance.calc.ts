// How well a planned workout was done (TrainingPeaks' colours), and a plan week's planned vs actual.
// Pure; the rules are in README.md.
import { addDays, inRange, localDateOf } from '../../../lib/dates.ts';
import type { StepNode, WorkoutType } from '../plans.types.ts';
import { type ActivityForMatch, activityDurationS, activityLocalDate, type Match, type PlannedForMatch } from './match.calc.ts';

export type ComplianceBasis = 'duration' | 'distance' | 'load';
export type ComplianceBand = 'green' | 'yellow' | 'red';
export type ComplianceStatus = 'pending' | 'completed' | 'missed' | 'skipped';

export interface Compliance {
  status: ComplianceStatus;
  band: ComplianceBand | null;
  /** actual / planned of the basis, to whole percent (0.79); null when there is nothing to compare. */
  ratio: number | null;
  by: ComplianceBasis;
}

/** A planned workout as compliance reads it: matching's fields plus what says whether distance is the target. */
export interface PlannedForCompliance extends PlannedForMatch {
  type: WorkoutType;
  steps: StepNode[];
}

/** Types whose planned distance is the session's point (the long run, race-pace kilometres). */
const DISTANCE_TYPES: readonly WorkoutType[] = ['long', 'race_pace'];

/** A work step measured by time alone: the session is built on the clock, so its duration is what counts. */
const hasTimedWork = (nodes: StepNode[]): boolean =>
  nodes.some((n) => (n.kind === 'repeat' ? hasTimedWork(n.steps) : n.kind === 'work' && n.durationSec !== null && n.distanceM === null));

/**
 * What a workout is judged by. Distance when distance is its target: a run, ride or swim of type long or
 * race_pace with a planned distance and no time-measured work step (and an activity, if given, that
 * recorded a distance). Else duration when one is planned; else distance, else load when only that is
 * planned; duration otherwise (nothing to compare).
 */
export function complianceBasis(w: PlannedForCompliance, actual: ActivityForMatch | null = null): ComplianceBasis {
  const distance = w.distanceM !== null && w.distanceM > 0;
  const distanceTarget =
    distance &&
    DISTANCE_TYPES.includes(w.type) &&
    (w.sport === 'run' || w.sport === 'bike' || w.sport === 'swim') &&
    !hasTimedWork(w.steps);
  if (distanceTarget && (actual === null || actual.distanceM > 0)) return 'distance';
  if (w.durationSec > 0) return 'duration';
  if (distance) return 'distance';
  return w.targetLoad > 0 ? 'load' : 'duration';
}

/** The band of a ratio, read to whole percent: green 80–120 %, yellow 50–79 % and 121–150 %, red beyond. */
export function bandOf(ratio: number): ComplianceBand {
  const pct = Math.round(ratio * 100);
  if (pct >= 80 && pct <= 120) return 'green';
  if (pct >= 50 && pct <= 150) return 'yellow';
  return 'red';
}

const planned = (w: PlannedForMatch, by: ComplianceBasis): number =>
  by === 'duration' ? w.durationSec : by === 'distance' ? (w.distanceM ?? 0) : w.targetLoad;

const actualOf = (a: ActivityForMatch, by: ComplianceBasis): number | null =>
  by === 'duration' ? activityDurationS(a) : by === 'distance' ? a.distanceM : a.load;

/**
 * A workout's status and colour at `now`. Skipped: no colour. Matched: completed, coloured by its ratio.
 * Unmatched: pending until its local day has ended in the athlete's zone, then missed (red). A rest day
 * is never missed: once its day has ended it is completed, without a colour.
 */
export function compliance(workout: PlannedForCompliance, actual: ActivityForMatch | null, now: Date, timeZone: string): Compliance {
  const by = complianceBasis(workout, actual);
  const plan = planned(workout, by);
  if (workout.skipped) return { status: 'skipped', band: null, ratio: null, by };
  if (actual) {
    const value = actualOf(actual, by);
    if (plan <= 0 || value === null) return { status: 'completed', band: null, ratio: null, by };
    const ratio = value / plan;
    return { status: 'completed', band: bandOf(ratio), ratio: Math.round(ratio * 100) / 100, by };
  }
  // The day has ended once the athlete's local date is past it, however long it was (23 or 25 hours on a DST
  // change): the same instant as its localDayRange end, for one formatter call instead of several.
  const ended = localDateOf(now, timeZone) > workout.date;
  // Done by the athlete's own word: completed, without a colour (there is nothing measured to compare).
  if (workout.done) return { status: 'completed', band: null, ratio: null, by };
  if (!ended) return { status: 'pending', band: null, ratio: null, by };
  if (workout.sport === 'rest') return { status: 'completed', band: null, ratio: null, by };
  return { status: 'missed', band: 'red', ratio: plan > 0 ? 0 : null, by };
}

export interface Totals {
  durationSec: number;
  distanceM: number;
  load: number;
}

export interface WeekSummary<A extends ActivityForMatch = ActivityForMatch> {
  week: number;
  startDate: string;
  /** The week's last day (weeks run 7 days from the plan week's start, which need not be a Monday). */
  endDate: string;
  /** Non-skipped, non-rest workouts: duration of all, distance of those planning one, load of those planning one. */
  planned: Totals;
  /** The matched activities of those same workouts, quantity by quantity (like with like); unknown loads add 0. */
  actual: Totals;
  workouts: { planned: number; completed: number; skipped: number };
  /** Matched activities whose load is not computed yet (the actual load is short by theirs). */
  withoutLoad: number;
  /** Activities of the week's local days that completed no workout (walks, hikes and others included). */
  unplanned: { activities: A[]; totals: Totals };
}

const zero = (): Totals => ({ durationSec: 0, distanceM: 0, load: 0 });

/**
 * Planned vs actual per plan week. Workouts count in their plan week (a manual link to another day's
 * activity counts there too); unmatched activities count in the week of their local date.
 */
export function weeklySummary<A extends ActivityForMatch>(input: {
  timeZone: string;
  weeks: { week: number; startDate: string }[];
  workouts: (PlannedForMatch & { week: number })[];
  activities: A[];
  matches: Match[];
}): WeekSummary<A>[] {
  const activityById = new Map(input.activities.map((a) => [a.id, a]));
  const matchOf = new Map(input.matches.map((m) => [m.workoutId, activityById.get(m.activityId)]));
  const matchedIds = new Set(input.matches.map((m) => m.activityId));
  const weeks = [...input.weeks].sort((x, y) => x.week - y.week);
  return weeks.map(({ week, startDate }) => {
    const endDate = addDays(startDate, 6);
    const out: WeekSummary<A> = {
      week,
      startDate,
      endDate,
      planned: zero(),
      actual: zero(),
      workouts: { planned: 0, completed: 0, skipped: 0 },
      withoutLoad: 0,
      unplanned: { activities: [], totals: zero() },
    };
    for (const w of input.workouts) {
      if (w.week !== week || w.sport === 'rest') continue;
      if (w.skipped) {
        out.workouts.skipped++;
        continue;
      }
      out.workouts.planned++;
      const a = matchOf.get(w.id);
      out.planned.durationSec += w.durationSec;
      if (a || w.done) out.workouts.completed++;
      if (a) {
        out.actual.durationSec += activityDurationS(a);
      }
      if (w.distanceM !== null && w.distanceM > 0) {
        out.planned.distanceM += w.distanceM;
        if (a) out.actual.distanceM += a.distanceM;
      }
      if (w.targetLoad > 0) {
        out.planned.load += w.targetLoad;
        if (a) out.actual.load += a.load ?? 0;
      }
      if (a && a.load === null) out.withoutLoad++;
    }
    const unplanned = input.activities
      .filter((a) => !matchedIds.has(a.id) && inRange(activityLocalDate(a, input.timeZone), startDate, endDate))
      .sort((x, y) => x.startTime.getTime() - y.startTime.getTime() || (x.id < y.id ? -1 : 1));
    for (const a of unplanned) {
      out.unplanned.totals.durationSec += activityDurationS(a);
      out.unplanned.totals.distanceM += a.distanceM;
      out.unplanned.totals.load += a.load ?? 0;
    }
    out.unplanned.activities = unplanned;
    return out;
  });
}
