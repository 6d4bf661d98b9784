// Several athletes' current week at a glance, for their coach's dashboard: this week's planned vs done,
// and the last seven days' missed and moved workouts. The same matching and compliance as the calendar,
// fed by a fixed handful of reads however many athletes there are (plan-glance.repo.ts).
import type { Db } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { addDays, daysBetween, localParts, mondayOf, todayIn } from '../../lib/dates';
import { type DataUse, fixedPolicy, type PolicyRef } from '../activities';
import { type ActivityForMatch, compliance, matchActivities } from './matching';
import { activePlansOf, activitiesOfMany, movedSince, workoutsOfPlans } from './plan-glance.repo';
import type { Sport, StepNode, WorkoutType } from './plans.types';

/** How far back "missed" and "moved" look: the last seven days before today. */
export const GLANCE_DAYS = 7;

export interface Count {
  count: number;
  /** Planned duration, or the time of the activities that did it. */
  durationSec: number;
}

export interface WeekGlance {
  /** The athlete's today and their Monday–Sunday week around it, in their zone. */
  today: string;
  weekStart: string;
  weekEnd: string;
  /** Whether the athlete has an active plan; without one only `activities` says anything. */
  hasPlan: boolean;
  /** This week's workouts that are neither rest nor skipped. */
  planned: Count;
  /** Those of them done, with the time of the activities that did them. */
  done: Count;
  /** Every activity of this week's days so far, planned or not. */
  activities: Count;
  /** Workouts of the last seven days that were neither done nor skipped. */
  missed: number;
  /** Workouts whose day changed in the last seven days (still in effect). */
  moved: number;
}

type Workout = Awaited<ReturnType<typeof workoutsOfPlans>>[number];
type Activity = Awaited<ReturnType<typeof activitiesOfMany>>[number];

const forMatch = (w: Workout) => ({
  id: w.id,
  date: w.date,
  sport: w.sport as Sport,
  durationSec: w.durationSec,
  distanceM: w.distanceM,
  targetLoad: w.targetLoad,
  skipped: w.skipped,
  done: w.doneAt !== null,
  type: w.type as WorkoutType,
  steps: w.steps as StepNode[],
});

/** The first day a glance reads: this week's Monday, or seven days back when that is earlier. */
const firstDay = (today: string) => addDays(today, -Math.max(GLANCE_DAYS, daysBetween(mondayOf(today), today)));

const HOUR = 3_600_000;

/** Groups rows by athlete. */
function byUser<T extends { userId: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(r.userId, [...(out.get(r.userId) ?? []), r]);
  return out;
}

const time = (a: ActivityForMatch) => (a.movingTimeS > 0 ? a.movingTimeS : (a.elapsedTimeS ?? 0));

/** One athlete's glance from their rows: pure, so the rules read the same as the calendar's. */
export function glanceOf(input: {
  timeZone: string;
  now: Date;
  hasPlan: boolean;
  workouts: Workout[];
  activities: Activity[];
  moved: number;
}): WeekGlance {
  const { timeZone, now } = input;
  const today = todayIn(timeZone, now);
  const weekStart = mondayOf(today);
  const weekEnd = addDays(weekStart, 6);
  const since = addDays(today, -GLANCE_DAYS);
  const first = firstDay(today);
  const workouts = input.workouts.filter((w) => w.date >= first && w.date <= weekEnd);
  const manual = workouts
    .filter((w) => w.linkMode)
    .map((w) => ({ workoutId: w.id, activityId: w.linkMode === 'manual' ? w.linkedActivityId : null }));
  const matches = matchActivities({ timeZone, workouts: workouts.map(forMatch), activities: input.activities, manual });
  const byWorkout = new Map(matches.map((m) => [m.workoutId, m.activityId]));
  const byId = new Map(input.activities.map((a) => [a.id, a]));
  const planned: Count = { count: 0, durationSec: 0 };
  const done: Count = { count: 0, durationSec: 0 };
  let missed = 0;
  for (const w of workouts) {
    if (w.sport === 'rest') continue;
    const actual = byId.get(byWorkout.get(w.id) ?? '') ?? null;
    const status = compliance(forMatch(w), actual, now, timeZone).status;
    if (w.date >= weekStart && w.date <= weekEnd && !w.skipped) {
      planned.count++;
      planned.durationSec += w.durationSec;
      if (actual) {
        done.count++;
        done.durationSec += time(actual);
      }
    }
    if (status === 'missed' && w.date >= since) missed++;
  }
  const week = input.activities.filter((a) => {
    const day = localParts(a.startTime, timeZone).date;
    return day >= weekStart && day <= weekEnd;
  });
  return {
    today,
    weekStart,
    weekEnd,
    hasPlan: input.hasPlan,
    planned,
    done,
    activities: { count: week.length, durationSec: week.reduce((s, a) => s + time(a), 0) },
    missed,
    moved: input.moved,
  };
}

export function createPlanGlance(deps: { db: Db; clock: Clock; policy?: PolicyRef }) {
  return {
    /**
     * Each athlete's week at a glance (by id), matched against the activities `use` allows (a coach:
     * 'coach'). Four reads in all: active plans, their workouts, the activities, the moves.
     */
    async weekOfMany(athletes: { id: string; timeZone: string }[], use: DataUse): Promise<Map<string, WeekGlance>> {
      const now = deps.clock.now();
      if (athletes.length === 0) return new Map();
      const ids = athletes.map((a) => a.id);
      // One range of days and instants wide enough for every zone; each athlete's own days are picked below.
      const todays = athletes.map((a) => todayIn(a.timeZone, now)).sort();
      const from = firstDay(todays[0]!);
      const to = addDays(mondayOf(todays.at(-1)!), 6);
      // Local days run from UTC+14 to UTC−12: these instants hold every zone's days from `from` to `to`.
      const start = new Date(Date.parse(`${from}T00:00:00Z`) - 14 * HOUR);
      const end = new Date(Date.parse(`${to}T00:00:00Z`) + 36 * HOUR);
      const [plans, activities] = await Promise.all([
        activePlansOf(deps.db, ids),
        activitiesOfMany(deps.db, ids, (await (deps.policy ?? fixedPolicy())()).sourcesFor(use), start, end),
      ]);
      const planIds = plans.map((p) => p.id);
      const [workouts, moves] = await Promise.all([
        workoutsOfPlans(deps.db, planIds, from, to),
        movedSince(deps.db, planIds, new Date(now.getTime() - GLANCE_DAYS * 86_400_000)),
      ]);
      const planOf = new Set(plans.map((p) => p.userId));
      const movedOf = new Map(moves.map((m) => [m.userId, m.moved]));
      const workoutsOf = byUser(workouts);
      const activitiesOf = byUser(activities);
      return new Map(
        athletes.map((a) => [
          a.id,
          glanceOf({
            timeZone: a.timeZone,
            now,
            hasPlan: planOf.has(a.id),
            workouts: workoutsOf.get(a.id) ?? [],
            activities: activitiesOf.get(a.id) ?? [],
            moved: movedOf.get(a.id) ?? 0,
          }),
        ]),
      );
    },
  };
}

export type PlanGlance = ReturnType<typeof createPlanGlance>;
