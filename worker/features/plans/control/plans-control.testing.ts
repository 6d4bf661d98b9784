// What the workout control tests share: a world on real Postgres with a clock the test moves, an athlete
// with a plan, an activity that completes a workout, and whole rows to compare before and after.
import { expect } from 'vitest';
import { eq } from 'drizzle-orm';
import { plannedWorkouts } from '../../../db/schema';
import { addDays, todayIn } from '../../../lib/dates';
import { AppError } from '../../../lib/errors';
import { buildActivity } from '../../../testing/factories/activity';
import { analyticsWorld, insertAthlete } from '../../../testing/analytics';
import type { Harness } from '../../../testing/harness';
import { giveTier, membershipOf } from '../../../testing/scenarios';
import type { Athlete } from '../../analytics';
import type { WorkoutRow } from '../plans.repo';
import { createPlansService, type PlanRequest } from '../plans.service';
import { createWorkoutControl } from './workout-control.service';

export const planRequest = (today: string): PlanRequest => ({
  goal: { kind: 'run_half', eventDate: addDays(today, 7 * 12), eventName: 'City Half' },
  availableDays: [0, 1, 3, 5, 6],
  longDay: 6,
  hoursPerWeek: 6,
  includeStrength: false,
});

/** The services with one clock; `at` moves it (rate-limit windows, the athlete's today). */
export function controlWorld(h: Harness) {
  let now = new Date();
  const clock = { now: () => now };
  const { analytics, activities } = analyticsWorld(h.db);
  const membership = membershipOf(h);
  return {
    activities,
    plans: createPlansService({ db: h.db, clock, analytics, membership }),
    control: createWorkoutControl({ db: h.db, clock, membership }),
    clock,
    at: (t: Date) => {
      now = t;
    },
  };
}
export type ControlWorld = ReturnType<typeof controlWorld>;

export async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

export async function athleteWithPlan(h: Harness, w: ControlWorld, tier: 'free' | 'pro' = 'pro') {
  const a: Athlete = await insertAthlete(h.db, { timeZone: 'America/Denver' });
  if (tier === 'pro') await giveTier(h, a.id, 'pro');
  const today = todayIn(a.timeZone, new Date());
  const plan = await w.plans.create(a, planRequest(today));
  const by = { athlete: a, actorId: a.id, source: 'athlete' as const };
  return { a, plan, by, today, workouts: await rows(h, plan.id) };
}

/** The plan's workout rows, whole, in date order. */
export async function rows(h: Harness, planId: string): Promise<WorkoutRow[]> {
  const all = await h.db.select().from(plannedWorkouts).where(eq(plannedWorkouts.planId, planId));
  return all.sort((x, y) => x.date.localeCompare(y.date) || x.createdAt.getTime() - y.createdAt.getTime() || x.id.localeCompare(y.id));
}

/** Rows as undo must give them back: everything but the revision (the feed's SEQUENCE, bumped) and updatedAt. */
export const restorable = (list: WorkoutRow[]) => list.map(({ revision: _r, updatedAt: _u, ...rest }) => rest);

/** An activity of the workout's day and length: matching pairs it, so the workout reads completed. */
export async function complete(w: ControlWorld, userId: string, x: WorkoutRow, sport: 'run' | 'ride' = 'run') {
  return w.activities.ingest(
    userId,
    buildActivity({
      sport,
      startTime: new Date(`${x.date}T16:00:00Z`),
      localStartDate: x.date,
      movingTimeS: x.durationSec,
      elapsedTimeS: x.durationSec,
      distanceM: Math.round(x.durationSec * (sport === 'run' ? 2.8 : 7)),
    }),
  );
}
