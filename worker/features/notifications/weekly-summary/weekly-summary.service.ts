import type { Clock } from '../../../lib/clock';
import { addDays, daysBetween, mondayOf, todayIn } from '../../../lib/dates';
import { notFound } from '../../../lib/errors';
import type { WeeklyReceipt, WeeklySummary } from '../email/email-content';

// The Monday summary's figures, read from the same answers the analytics and plans APIs give (their
// presenters, wired in worker/wiring/), so the email and the dashboard can never disagree about a week.

/** What the summary reads, injected: the notifications feature knows no analytics or plans internals. */
export interface WeeklySources<A extends { id: string; timeZone: string }> {
  /** The athlete as the analytics reads take them; null when the account is gone. */
  athlete(userId: string): Promise<A | null>;
  /** `GET /analytics/weekly-volume?weeks=n`: n Monday–Sunday weeks ending with the current one. */
  weeklyVolume(
    a: A,
    weeks: number,
  ): Promise<{ weeks: { weekStart: string; total: { distanceM: number; movingS: number; load: number; count: number } }[] }>;
  /** `GET /analytics/fitness?days=n`: the PMC's last n days (ending today) with each day's activities. */
  fitness(
    a: A,
    days: number,
  ): Promise<{
    days: {
      date: string;
      ctl: number;
      atl: number;
      tsb: number;
      activities: {
        activityId: string;
        date: string;
        name: string;
        sport: string;
        distanceM: number;
        movingTimeS: number;
        values: Record<string, unknown>;
      }[];
    }[];
  }>;
  /** The plan the training page shows: the active one, else the latest paused one. */
  currentPlan(a: A): Promise<{ id: string; status: string; startDate: string; endDate: string } | null | undefined>;
  /** `GET /plans/{id}/calendar?from&to`: the workouts of those local days with their status. */
  calendar(
    a: A,
    planId: string,
    from: string,
    to: string,
  ): Promise<
    {
      date: string;
      sport: string;
      type: string;
      title: string;
      distanceM: number | null;
      durationSec: number;
      skipped: boolean;
      status: 'pending' | 'completed' | 'missed' | 'skipped';
    }[]
  >;
  /** Workout types that make a key session (the long run and the quality types). */
  keyTypes: readonly string[];
}

const MAX_WEEKS = 520;
const MAX_DAYS = 3650;
const RECEIPTS = 10;

const overlaps = (p: { startDate: string; endDate: string }, from: string, to: string) => p.startDate <= to && p.endDate >= from;

export function createWeeklySummary<A extends { id: string; timeZone: string }>(deps: { clock: Clock } & WeeklySources<A>) {
  return {
    /** The summary of the local Monday–Sunday week starting `weekStart`, as of now. */
    async build(userId: string, weekStart: string): Promise<WeeklySummary> {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(weekStart) || mondayOf(weekStart) !== weekStart) throw new Error('weekStart is not a Monday');
      const a = await deps.athlete(userId);
      if (!a) throw notFound('User');
      const weekEnd = addDays(weekStart, 6);
      const previous = addDays(weekStart, -7);
      const today = todayIn(a.timeZone, deps.clock.now());
      if (weekStart > today) throw new Error('weekStart is in the future');

      // The APIs answer windows ending today: ask for enough to reach back to the week before.
      const weeks = Math.min(MAX_WEEKS, daysBetween(previous, mondayOf(today)) / 7 + 1);
      const days = Math.min(MAX_DAYS, daysBetween(weekStart, today) + 1);
      // One read after the other: on the request's one connection rather than a second one from the pool.
      const volume = await deps.weeklyVolume(a, weeks);
      const fitness = await deps.fitness(a, days);
      const week = volume.weeks.find((w) => w.weekStart === weekStart)?.total;
      const before = volume.weeks.find((w) => w.weekStart === previous)?.total;

      // Form on the week's last day (or the last day so far, for a week not yet over).
      const inWeek = fitness.days.filter((d) => d.date >= weekStart && d.date <= weekEnd);
      const last = inWeek.at(-1);
      const receipts: WeeklyReceipt[] = inWeek
        .flatMap((d) => d.activities)
        .reverse()
        .slice(0, RECEIPTS)
        .map((r) => ({
          id: r.activityId,
          name: r.name,
          startDate: r.date,
          sport: r.sport,
          distanceM: r.distanceM,
          movingTimeS: r.movingTimeS,
          load: typeof r.values.load === 'number' ? r.values.load : null,
        }));

      const plan = await deps.currentPlan(a);
      let compliance: WeeklySummary['compliance'] = null;
      if (plan && overlaps(plan, weekStart, weekEnd)) {
        // The calendar's own statuses; rest days are not sessions, skipped ones are out of the plan.
        const sessions = (await deps.calendar(a, plan.id, weekStart, weekEnd)).filter((w) => w.sport !== 'rest');
        const skipped = sessions.filter((w) => w.status === 'skipped').length;
        const planned = sessions.length - skipped;
        const completed = sessions.filter((w) => w.status === 'completed').length;
        compliance = { planned, completed, skipped, percent: planned > 0 ? Math.round((completed / planned) * 100) : null };
      }
      const nextStart = addDays(weekStart, 7);
      const nextEnd = addDays(weekStart, 13);
      const nextWeek =
        plan && plan.status === 'active' && overlaps(plan, nextStart, nextEnd)
          ? (await deps.calendar(a, plan.id, nextStart, nextEnd))
              .filter((w) => !w.skipped && deps.keyTypes.includes(w.type))
              .sort((x, y) => x.date.localeCompare(y.date))
              .map((w) => ({ date: w.date, title: w.title, kind: w.type, distanceM: w.distanceM, durationS: w.durationSec }))
          : [];

      return {
        weekStart,
        weekEnd,
        volume: {
          activities: week?.count ?? 0,
          distanceM: week?.distanceM ?? 0,
          movingTimeS: week?.movingS ?? 0,
          previousDistanceM: before?.distanceM ?? 0,
        },
        load: { total: week?.load ?? 0, previous: before?.load ?? 0 },
        form: last ? { date: last.date, ctl: last.ctl, atl: last.atl, tsb: last.tsb } : null,
        compliance,
        nextWeek,
        receipts,
      };
    },
  };
}

export type WeeklySummaryBuilder = ReturnType<typeof createWeeklySummary>;
