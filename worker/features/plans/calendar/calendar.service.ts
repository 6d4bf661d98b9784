// The training calendar of a range of the athlete's local days: what they did beside what was planned, with
// or without a plan, for a data use (the athlete's own view, or 'coach' for their coach), and
// each week's planned vs done and form. Placement and matching are calendar.calc.ts; this reads rows.
import type { SQL } from 'drizzle-orm';
import type { StatementExecutor } from '../../../db/executor';
import type { Clock } from '../../../lib/clock';
import { addDays, mondayOf, toEpochDay, todayIn } from '../../../lib/dates';
import { type DataUse, sourcesInAnyMode } from '../../activities';
import { type AnalyticsService, type Athlete, type FormStatus, fitnessEstablishments, formStatus } from '../../analytics';
import type { VerdictsOf } from '../completed-by';
import { verdictsOf } from '../verdicts';
import type { Sport, StepNode, WorkoutType } from '../plans.types';
import { calendarWeeks, inWindow, linksOutside, placeCalendar, readWindow, widestWindow } from './calendar.calc';
import * as calendarRepo from './calendar.repo';

type WorkoutRow = Awaited<ReturnType<typeof calendarRepo.calendarRows>>['workouts'][number];
export type CalendarWorkoutRow = ReturnType<typeof asWorkout>;
export type CalendarActivityRow = calendarRepo.CalendarActivityRow;

const asWorkout = (w: WorkoutRow) => ({
  ...w,
  sport: w.sport as Sport,
  type: w.type as WorkoutType,
  steps: w.steps as StepNode[],
  linkMode: w.linkMode as 'manual' | 'unlinked' | null,
  done: w.doneAt !== null,
});

/** Form at a week's end: CTL, ATL and TSB (one decimal) and the band analytics names. */
export interface WeekForm {
  date: string;
  ctl: number;
  atl: number;
  tsb: number;
  status: FormStatus;
}
/** Why a week has no form: it has not begun, or there is no training history up to it. */
export type FormNote = 'not_yet' | 'not_enough_data';

const r1 = (x: number) => Math.round(x * 10) / 10;
// Day 0 (1970-01-01) was a Thursday; by number, not by string (a form read walks every day of the history).
const isSunday = (ymd: string) => (toEpochDay(ymd) + 3) % 7 === 6;

export function createTrainingCalendar(deps: {
  /** Single statements only: the reads run side by side on it. */
  db: StatementExecutor;
  clock: Clock;
  analytics: Pick<AnalyticsService, 'fitness' | 'cached' | 'sourcesFor'>;
  /** Each done workout's one verdict, the activity page's (intervals); absent, the compliance's ratio alone. */
  verdicts?: VerdictsOf;
}) {
  /** Form on every Sunday of the athlete's history and today, cached per data version like analytics' own answers. */
  const formPoints = (a: Athlete, use: DataUse) =>
    deps.analytics.cached('calendar-form', a, { use }, async () => {
      const f = await deps.analytics.fitness(a, 1, use);
      const points: Record<string, [number, number, number]> = {};
      const ends = f.full.filter((d) => isSunday(d.date) || d.date === f.today);
      // A week whose fitness was not yet established (ADR 044) has no form to label: "not enough data yet".
      const established = fitnessEstablishments(
        f.trainingDays,
        ends.map((d) => d.date),
      );
      ends.forEach((d, i) => {
        if (established[i]!.established) points[d.date] = [r1(d.ctl), r1(d.atl), r1(d.tsb)];
      });
      return { today: f.today, points };
    });

  // What the session lookup fetched for this unit of work's calendar read (ADR 093); taken by that read only.
  let rode: { userId: string; from: string; to: string; rows: calendarRepo.CalendarRows } | null = null;
  const ownRows = (a: Athlete, from: string, to: string, use: DataUse) => {
    const r = rode;
    rode = null;
    return r && use === 'analytics' && r.userId === a.id && r.from === from && r.to === to ? r.rows : null;
  };

  /**
   * A done workout with steps reads the verdict the activity page and the drawer read (issue 55: a card said
   * "On target" beside a drawer's "Off target"); any other keeps its compliance's ratio, as they do.
   */
  async function withVerdicts(a: Athlete, days: ReturnType<typeof placeCalendar<CalendarWorkoutRow, CalendarActivityRow>>, use: DataUse) {
    const workouts = days.flatMap((d) => d.items.flatMap((x) => (x.kind === 'workout' ? [x] : [])));
    const verdictOf = await verdictsOf(deps.verdicts, a, workouts, use);
    return days.map((d) => ({ ...d, items: d.items.map((x) => (x.kind === 'workout' ? { ...x, verdict: verdictOf(x) } : x)) }));
  }

  return {
    /**
     * The signed-in athlete's own calendar of [from, to] as a column of their session lookup (`rideWithSession`):
     * the read after it makes no statement of its own for the rows. Whose rows they are comes back with them, so
     * a request acting as someone else (an impersonation) reads its own way.
     */
    rider(from: string, to: string) {
      return {
        column: (userId: SQL) => calendarRepo.calendarRiderColumn(userId, sourcesInAnyMode('analytics'), widestWindow(from, to)),
        take: (value: unknown) => {
          const got = calendarRepo.calendarRiderOf(value);
          rode = got && { ...got, from, to };
        },
      };
    },

    /**
     * The calendar from `from` to `to` (local dates, at most a few weeks: the route bounds it). Workouts are
     * those of the current plan (active, else the latest paused one), matched against the activities `use`
     * allows; the answer for a day is the same whatever range it was read in.
     */
    async read(a: Athlete, from: string, to: string, use: DataUse = 'analytics') {
      const win = readWindow(from, to, a.timeZone);
      // The policy's mode (with the session, or a read of its own where there is none) runs beside the rows: read for
      // every source some mode lets `use` read and cut to this mode's after, the same rows one round trip sooner.
      const own = ownRows(a, from, to, use);
      const [sources, { plan, workouts: rows, activities: read }, form] = await Promise.all([
        deps.analytics.sourcesFor(use),
        own ?? calendarRepo.calendarRows(deps.db, a.id, sourcesInAnyMode(use), win),
        formPoints(a, use),
      ]);
      const allowed = new Set(sources);
      const fetched = read.filter((x) => allowed.has(x.source) && inWindow(win, x));
      const workouts = rows.map(asWorkout);
      const away = linksOutside(workouts, fetched, from, to);
      const activities = away.length ? [...fetched, ...(await calendarRepo.activitiesByIds(deps.db, a.id, sources, away))] : fetched;
      const now = deps.clock.now();
      const placed = placeCalendar({ timeZone: a.timeZone, from, to, now, workouts, activities });
      const days = await withVerdicts(a, placed, use);
      const today = todayIn(a.timeZone, now);
      const weeks = calendarWeeks(days).map((w) => {
        const monday = mondayOf(w.startDate);
        if (monday > today) return { ...w, form: null, formNote: 'not_yet' as FormNote };
        const at = addDays(monday, 6) < today ? addDays(monday, 6) : today;
        const p = form.points[at];
        if (!p) return { ...w, form: null, formNote: 'not_enough_data' as FormNote };
        const wf: WeekForm = { date: at, ctl: p[0], atl: p[1], tsb: p[2], status: formStatus(p[2]) };
        return { ...w, form: wf, formNote: null };
      });
      return { from, to, today, timeZone: a.timeZone, plan: plan ?? null, days, weeks };
    },
  };
}

export type TrainingCalendar = ReturnType<typeof createTrainingCalendar>;
export type CalendarRead = Awaited<ReturnType<TrainingCalendar['read']>>;
