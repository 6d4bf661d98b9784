// The training calendar, pure: which planned workouts and done activities go on which local day, as one
// item when an activity completed a workout, and each week's planned vs done. The rules are in README.md.
import { addDays, localDayRange, mondayOf } from '../../../lib/dates';
import {
  type ActivityForMatch,
  activityDurationS,
  type Compliance,
  compliance,
  type ManualLink,
  type Match,
  matchActivities,
  type PlannedForCompliance,
} from '../matching';

/** A done activity as the calendar reads it: matching's fields plus the day it was done on where it was done. */
export interface CalendarActivity extends ActivityForMatch {
  /** activities.local_start_date: the activity's own local day, where an unplanned one is drawn. */
  localDate: string;
}

/** A planned workout as the calendar reads it: compliance's fields plus the athlete's say over matching. */
export interface CalendarWorkout extends PlannedForCompliance {
  linkMode: 'manual' | 'unlinked' | null;
  linkedActivityId: string | null;
}

export type CalendarItem<W extends CalendarWorkout, A extends CalendarActivity> =
  | { kind: 'workout'; workout: W; compliance: Compliance; activity: A | null; match: Match | null }
  | { kind: 'activity'; activity: A };

export interface CalendarDay<W extends CalendarWorkout, A extends CalendarActivity> {
  date: string;
  items: CalendarItem<W, A>[];
}

export interface Totals {
  durationSec: number;
  distanceM: number;
  load: number;
  /** Workouts (planned side) or activities (done side). */
  count: number;
}

export interface CalendarWeek {
  /** The week's Monday and Sunday, cut to the range read. */
  startDate: string;
  endDate: string;
  /** Non-skipped, non-rest workouts. */
  planned: Totals;
  /** Every activity drawn in the week: completions and unplanned ones alike. */
  done: Totals;
  /** The same per sport, in SPORT_ORDER; a planned sport is named as activities name it (bike → ride). */
  sports: { sport: string; planned: Totals; done: Totals }[];
  workouts: { planned: number; completed: number; missed: number; pending: number; skipped: number };
  /** Activities that completed no workout. */
  unplanned: number;
  /** Done activities whose load is not computed yet (the done load is short by theirs). */
  withoutLoad: number;
}

/**
 * Days beyond the range whose workouts and activities are read too. Matching pairs one local day at a
 * time, so a day is settled once every workout of it and every activity starting on it in the athlete's
 * zone is known; an activity's own local day can be up to two days from that one (UTC−12 against UTC+14).
 */
export const MATCH_PADDING_DAYS = 2;

/** What to read for a range: workouts of these dates (plus every manual link) and activities starting in [start, end). */
export function readWindow(from: string, to: string, timeZone: string) {
  const first = addDays(from, -MATCH_PADDING_DAYS);
  const last = addDays(to, MATCH_PADDING_DAYS);
  return { workoutsFrom: first, workoutsTo: last, start: localDayRange(first, timeZone).start, end: localDayRange(last, timeZone).end };
}

/**
 * `readWindow` before the athlete's time zone is known (a read riding on the session lookup, ADR 093): the same
 * days, and instants a day wider at each end — any zone's local midnight lies within 14 hours of UTC's — so the
 * activities of the zone's own window are among those fetched, and `inWindow` keeps exactly them.
 */
export function widestWindow(from: string, to: string) {
  const first = addDays(from, -MATCH_PADDING_DAYS);
  const last = addDays(to, MATCH_PADDING_DAYS);
  return {
    workoutsFrom: first,
    workoutsTo: last,
    start: new Date(`${addDays(first, -1)}T00:00:00Z`),
    end: new Date(`${addDays(last, 2)}T00:00:00Z`),
  };
}

/** Whether an activity starts in a window's [start, end). */
export const inWindow = (win: { start: Date; end: Date }, x: { startTime: Date }) => x.startTime >= win.start && x.startTime < win.end;

/**
 * Activities a read must fetch by id: those a workout of the range is linked to by hand that the window's read
 * did not bring (a link may name another day's activity).
 */
export function linksOutside(workouts: CalendarWorkout[], read: { id: string }[], from: string, to: string): string[] {
  const have = new Set(read.map((a) => a.id));
  const ids = workouts.flatMap((w) =>
    w.linkMode === 'manual' && w.linkedActivityId && !have.has(w.linkedActivityId) && w.date >= from && w.date <= to
      ? [w.linkedActivityId]
      : [],
  );
  return [...new Set(ids)];
}

/** Sports in the order the week summary lists them (activities' names; 'brick' is planned only). */
export const SPORT_ORDER = ['run', 'ride', 'swim', 'brick', 'strength', 'walk', 'hike', 'other'] as const;
const PLANNED_AS: Record<string, string> = { run: 'run', bike: 'ride', swim: 'swim', strength: 'strength', brick: 'brick' };

const zero = (): Totals => ({ durationSec: 0, distanceM: 0, load: 0, count: 0 });
const byStart = (x: ActivityForMatch, y: ActivityForMatch) => x.startTime.getTime() - y.startTime.getTime() || (x.id < y.id ? -1 : 1);

/**
 * The calendar of [from, to]: each day's workouts (in the order given) with their match and compliance, then
 * the activities that completed none, by start time. Given what readWindow says to read, the answer for a
 * day does not depend on the range it was read with.
 */
export function placeCalendar<W extends CalendarWorkout, A extends CalendarActivity>(input: {
  timeZone: string;
  from: string;
  to: string;
  now: Date;
  workouts: W[];
  activities: A[];
}): CalendarDay<W, A>[] {
  const { timeZone, from, to, now } = input;
  const manual: ManualLink[] = input.workouts
    .filter((w) => w.linkMode)
    .map((w) => ({ workoutId: w.id, activityId: w.linkMode === 'manual' ? w.linkedActivityId : null }));
  const matches = matchActivities({ timeZone, workouts: input.workouts, activities: input.activities, manual });
  const byWorkout = new Map(matches.map((m) => [m.workoutId, m]));
  const activityById = new Map(input.activities.map((a) => [a.id, a]));
  const claimed = new Set(matches.map((m) => m.activityId));

  const days = new Map<string, CalendarDay<W, A>>();
  for (let d = from; d <= to; d = addDays(d, 1)) days.set(d, { date: d, items: [] });
  for (const w of input.workouts) {
    const day = days.get(w.date);
    if (!day) continue;
    const match = byWorkout.get(w.id) ?? null;
    const activity = match ? (activityById.get(match.activityId) ?? null) : null;
    day.items.push({ kind: 'workout', workout: w, compliance: compliance(w, activity, now, timeZone), activity, match });
  }
  for (const a of [...input.activities].sort(byStart)) {
    if (claimed.has(a.id)) continue;
    days.get(a.localDate)?.items.push({ kind: 'activity', activity: a });
  }
  return [...days.values()];
}

function add(t: Totals, durationSec: number, distanceM: number, load: number) {
  t.durationSec += durationSec;
  t.distanceM += distanceM;
  t.load += load;
  t.count++;
}

/** Planned vs done per Monday–Sunday week of the days given (cut to them), overall and per sport. */
export function calendarWeeks<W extends CalendarWorkout, A extends CalendarActivity>(days: CalendarDay<W, A>[]): CalendarWeek[] {
  const weeks = new Map<string, CalendarWeek & { bySport: Map<string, { planned: Totals; done: Totals }> }>();
  for (const day of days) {
    const monday = mondayOf(day.date);
    let week = weeks.get(monday);
    if (!week) {
      week = {
        startDate: day.date,
        endDate: day.date,
        planned: zero(),
        done: zero(),
        sports: [],
        workouts: { planned: 0, completed: 0, missed: 0, pending: 0, skipped: 0 },
        unplanned: 0,
        withoutLoad: 0,
        bySport: new Map(),
      };
      weeks.set(monday, week);
    }
    week.endDate = day.date;
    const sport = (name: string) => {
      const s = week.bySport.get(name) ?? { planned: zero(), done: zero() };
      week.bySport.set(name, s);
      return s;
    };
    const done = (a: A) => {
      const load = a.load ?? 0;
      add(week.done, activityDurationS(a), a.distanceM, load);
      add(sport(a.sport).done, activityDurationS(a), a.distanceM, load);
      if (a.load === null) week.withoutLoad++;
    };
    for (const item of day.items) {
      if (item.kind === 'activity') {
        week.unplanned++;
        done(item.activity);
        continue;
      }
      const w = item.workout;
      if (item.activity) done(item.activity);
      if (w.sport === 'rest') continue;
      if (item.compliance.status === 'skipped') {
        week.workouts.skipped++;
        continue;
      }
      week.workouts.planned++;
      week.workouts[item.compliance.status]++;
      add(week.planned, w.durationSec, w.distanceM ?? 0, w.targetLoad);
      add(sport(PLANNED_AS[w.sport] ?? w.sport).planned, w.durationSec, w.distanceM ?? 0, w.targetLoad);
    }
  }
  const rank = (s: string) => {
    const i = (SPORT_ORDER as readonly string[]).indexOf(s);
    return i < 0 ? SPORT_ORDER.length : i;
  };
  return [...weeks.values()].map(({ bySport, ...week }) => ({
    ...week,
    sports: [...bySport.entries()].sort(([x], [y]) => rank(x) - rank(y) || (x < y ? -1 : 1)).map(([s, t]) => ({ sport: s, ...t })),
  }));
}
