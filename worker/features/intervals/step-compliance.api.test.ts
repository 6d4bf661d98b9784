// How each step went, end to end: a generated plan's structured ride, an activity recorded as a Garmin
// workout records it (one lap per step), the thresholds of the day, and the answer of
// GET /api/v1/activities/{id}/intervals (the owner's; 404 for anyone else).
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { plannedWorkouts } from '../../db/schema';
import type { ActivityLap } from '../../db/schema/activity-columns';
import { addDays } from '../../lib/dates';
import { actorFor, analyticsWorld } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import { expectErrorShape, Harness } from '../../testing/harness';
import { membershipOf } from '../../testing/scenarios';
import { createCompletedBy, createPlansService } from '../plans';
import { isRepeat, type WorkoutNode } from '../workouts';
import { createIntervalsService } from './intervals.service';
import type { ActivityIntervals } from './intervals.schema';
import { executedSteps, resolveTarget } from './step-targets.calc';

/** A generated plan's first ride with repeats, done as planned at 250 W FTP (each step on its own lap), with `ftpInEffect` set. */
async function rideDoneAsPlanned(ftpInEffect: number) {
  const h = Harness.init();
  const now = new Date('2026-11-21T12:00:00Z');
  const today = '2026-11-21';
  const w = analyticsWorld(h.db, now);
  const clock = { now: () => now };
  const me = await h.signup();
  const a = { id: me.user.id, units: 'km' as const, timeZone: 'UTC', birthDate: null, sex: null, version: 0 };
  await w.trainingLoad.setThreshold(actorFor(a), 'km', { kind: 'ftp', value: ftpInEffect, effectiveFrom: '2026-01-01' });
  const plans = createPlansService({ db: h.db, clock, analytics: w.analytics, membership: membershipOf(h) });
  const plan = await plans.create(a, {
    goal: { kind: 'bike_event', eventDate: addDays(today, 7 * 12), eventName: 'Gran Fondo' },
    startDate: today,
    availableDays: [0, 1, 3, 5, 6],
    longDay: 6,
    hoursPerWeek: 6,
    includeStrength: false,
  });
  const rows = await h.db
    .select()
    .from(plannedWorkouts)
    .where(and(eq(plannedWorkouts.planId, plan.id), eq(plannedWorkouts.sport, 'bike')))
    .orderBy(asc(plannedWorkouts.date));
  // The generator's sessions are step trees: a warm-up, repeats of work and recovery, a cool-down.
  const ride = rows.find((r) => (r.steps as WorkoutNode[]).some(isRepeat))!;
  expect(ride, 'a generated ride with repeats').toBeDefined();
  const tree = ride.steps as WorkoutNode[];
  expect(tree[0]).toMatchObject({ kind: 'warmup' });
  expect(tree.at(-1)).toMatchObject({ kind: 'cooldown' });

  // The ride as done: each step on its own lap, held at the middle of its target at 250 W FTP.
  const steps = executedSteps(tree, 'bike');
  const power: number[] = [];
  const laps: ActivityLap[] = [];
  const start = new Date(`${ride.date}T07:00:00Z`);
  for (const s of steps) {
    const range = resolveTarget(s.target, 'bike', { ftp: 250 });
    const watts = range ? Math.round((range.low + range.high) / 2) : 150;
    laps.push({ index: laps.length, startTime: new Date(start.getTime() + power.length * 1000).toISOString(), elapsedS: s.durationSec! });
    for (let i = 0; i < s.durationSec!; i++) power.push(watts);
  }
  const seconds = power.length;
  const activity = await w.activities.ingest(
    a.id,
    buildActivity({
      source: 'fit_upload',
      sport: 'ride',
      sportOriginal: 'Ride',
      startTime: start,
      localStartDate: ride.date,
      timezone: 'UTC',
      movingTimeS: seconds,
      elapsedTimeS: seconds,
      distanceM: seconds * 9,
      laps,
      streams: { t: power.map((_, i) => i), power, speedCms: power.map(() => 900) },
      detailComplete: true,
    }),
  );

  return { h, me, a, w, clock, ride, steps, activity };
}

describe('step compliance through the API', () => {
  it("a generated ride's steps, each on its lap, judged with the FTP in effect; the owner's only", async () => {
    const { h, me, a, w, clock, ride, steps, activity } = await rideDoneAsPlanned(250);
    const intervals = createIntervalsService({ db: h.db, analytics: w.analytics, completedBy: createCompletedBy({ db: h.db, clock }) });
    const x = await intervals.forActivity(a, activity.id);
    expect(x.workout?.id).toBe(ride.id);
    expect(x.steps?.alignedBy).toBe('laps');
    expect(x.steps?.steps).toHaveLength(steps.length);
    expect(x.steps?.steps.every((s) => s.verdict === 'on_target')).toBe(true);
    const work = x.steps!.steps.find((s) => s.kind === 'work')!;
    expect(work.planned.range?.metric).toBe('power');
    expect(work.inRange).toBe(1);
    expect(x.steps?.overall).toEqual({ band: 'green', score: 1 });

    const mine = await h.json<ActivityIntervals>(`/api/v1/activities/${activity.id}/intervals`, { cookie: me.cookie });
    expect(mine.status).toBe(200);
    expect(mine.body.steps?.steps.map((s) => s.verdict)).toEqual(x.steps!.steps.map((s) => s.verdict));
    const stranger = await h.signup();
    const theirs = await h.json(`/api/v1/activities/${activity.id}/intervals`, { cookie: stranger.cookie });
    expect(theirs.status).toBe(404);
    expectErrorShape(theirs.body, 'NOT_FOUND');
  });

  it('a ride that raises the FTP: its step targets and its zones card read the one FTP its load used (issue 55)', async () => {
    // 150 W in effect; the ride's own 20 minutes raise it, as the load and zones cards say.
    const { h, me, ride, activity } = await rideDoneAsPlanned(150);
    type Zones = {
      zones: { kind: string; state: string; threshold?: { value: number; inEffect: number | null; raisedBy: string | null } }[];
    };
    const view = await h.json<Zones>(`/api/v1/activities/${activity.id}/streams`, { cookie: me.cookie });
    const power = view.body.zones.find((z) => z.kind === 'power')!;
    expect(power).toMatchObject({ state: 'ok', threshold: { inEffect: 150, raisedBy: 'best_20min' } });
    const ftp = power.threshold!.value;
    expect(ftp).toBeGreaterThan(150);

    const mine = await h.json<ActivityIntervals>(`/api/v1/activities/${activity.id}/intervals`, { cookie: me.cookie });
    expect(mine.body.workout?.id).toBe(ride.id);
    const targeted = mine.body.steps!.steps.filter((s) => s.planned.range);
    expect(targeted.length).toBeGreaterThan(0);
    for (const s of targeted) {
      const expected = resolveTarget(s.planned.target as Parameters<typeof resolveTarget>[0], 'bike', { ftp })!;
      expect(s.planned.range!.low).toBeCloseTo(expected.low, 0);
      expect(s.planned.range!.high).toBeCloseTo(expected.high, 0);
    }
  });
});
