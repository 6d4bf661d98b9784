// The plan service on real Postgres: one active plan, the Free allowance, full workout control's rules
// (entitlement, bounds, completed workouts, rate limits) and undo from the change log.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates';
import { AppError } from '../../lib/errors';
import { buildActivity } from '../../testing/factories/activity';
import { analyticsWorld, insertAthlete } from '../../testing/analytics';
import { Harness } from '../../testing/harness';
import { giveTier, membershipOf } from '../../testing/scenarios';
import type { Athlete } from '../analytics';
import { ACTION_LIMITS, createWorkoutControl } from './control/workout-control.service';
import { createPlansService, type PlanRequest } from './plans.service';

const request = (today: string): PlanRequest => ({
  goal: { kind: 'run_half', eventDate: addDays(today, 7 * 12), eventName: 'City Half' },
  availableDays: [0, 1, 3, 5, 6],
  longDay: 6,
  hoursPerWeek: 6,
  includeStrength: false,
});

function world(h: Harness) {
  const { analytics, activities, clock } = analyticsWorld(h.db);
  const membership = membershipOf(h);
  return {
    activities,
    plans: createPlansService({ db: h.db, clock, analytics, membership }),
    control: createWorkoutControl({ db: h.db, clock, membership }),
  };
}

const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
};

async function athleteWithPlan(h: Harness, w: ReturnType<typeof world>, tier: 'free' | 'pro' = 'pro') {
  const a: Athlete = await insertAthlete(h.db, { timeZone: 'America/Denver' });
  if (tier === 'pro') await giveTier(h, a.id, 'pro');
  const today = todayIn(a.timeZone, new Date());
  const plan = await w.plans.create(a, request(today));
  const by = { athlete: a, actorId: a.id, source: 'athlete' as const };
  const days = await w.plans.calendar(a, plan.id, plan.startDate, plan.endDate);
  return { a, plan, by, today, workouts: days.map((d) => d.workout) };
}

describe('plans', () => {
  it('one active plan; Free generates one a month; the plan ends on the event day with its weeks', async () => {
    const h = Harness.init();
    const w = world(h);
    const { a, plan, today } = await athleteWithPlan(h, w, 'free');
    expect(plan.endDate).toBe(addDays(today, 7 * 12));
    expect((plan.weeks as unknown[]).length).toBeGreaterThan(10);
    const again = await refusal(w.plans.create(a, request(today)));
    expect(again.details?.reason).toBe('PLAN_EXISTS');
    await h.db.execute(`update plans set status = 'cancelled' where id = '${plan.id}'`);
    expect((await refusal(w.plans.create(a, request(today)))).code).toBe('QUOTA_EXCEEDED');
    // The preview costs nothing and says what the rules would do.
    const preview = await w.plans.preview(a, request(today));
    expect(preview.plan.workouts.length).toBeGreaterThan(30);
    expect(preview.input.fitness.source).toBe('history');
  });
});

describe('workout control', () => {
  it('Free may skip and restore, not move; Pro moves within the plan and the week follows the day', async () => {
    const h = Harness.init();
    const w = world(h);
    const free = await athleteWithPlan(h, w, 'free');
    const first = free.workouts[0]!;
    expect((await refusal(w.control.move(free.by, free.plan.id, first.id, addDays(first.date, 1)))).code).toBe('ENTITLEMENT_REQUIRED');
    await w.control.setSkipped(free.by, free.plan.id, first.id, true);
    await w.control.setSkipped(free.by, free.plan.id, first.id, false);

    const pro = await athleteWithPlan(h, w);
    const x = pro.workouts[0]!;
    const target = addDays(pro.plan.startDate, 8);
    const moved = await w.control.move(pro.by, pro.plan.id, x.id, target);
    expect(moved.after).toMatchObject({ [x.id]: { date: target, week: 2 } });
    const outside = await refusal(w.control.move(pro.by, pro.plan.id, x.id, addDays(pro.plan.endDate, 1)));
    expect(outside.code).toBe('VALIDATION');
    // Another athlete's plan and workout ids are simply not found.
    const other = await athleteWithPlan(h, w);
    expect((await refusal(w.control.move(other.by, pro.plan.id, x.id, target))).code).toBe('NOT_FOUND');
    expect((await refusal(w.control.move(other.by, other.plan.id, x.id, target))).code).toBe('NOT_FOUND');
  });

  it('undo restores exactly; a change undone twice, or under a later change, is refused with the reason', async () => {
    const h = Harness.init();
    const w = world(h);
    const { plan, by, workouts } = await athleteWithPlan(h, w);
    const x = workouts[1]!;
    const skip = await w.control.setSkipped(by, plan.id, x.id, true);
    const move = await w.control.move(by, plan.id, x.id, addDays(plan.startDate, 10));
    const blocked = await refusal(w.control.undo(by, plan.id, skip.id));
    expect(blocked.details?.reason).toBe('UNDO_CONFLICT');
    expect(blocked.message).toContain('move');
    await w.control.undo(by, plan.id, move.id);
    await w.control.undo(by, plan.id, skip.id);
    const [back] = (await w.plans.calendar(by.athlete as Athlete, plan.id, x.date, x.date)).filter((d) => d.workout.id === x.id);
    expect(back?.workout).toMatchObject({ date: x.date, week: x.week, phase: x.phase, skipped: false });
    expect(back!.workout.revision).toBe(x.revision + 4);
    expect((await refusal(w.control.undo(by, plan.id, move.id))).details?.reason).toBe('UNDO_CONFLICT');
    const log = await w.control.changes(by.athlete.id, plan.id);
    expect(log.map((c) => c.action)).toEqual(['undo', 'undo', 'move', 'skip']);
  });

  it(`moves are limited to ${ACTION_LIMITS.move} an hour: the next answers 429 with when to retry`, async () => {
    const h = Harness.init();
    const w = world(h);
    const { plan, by, workouts } = await athleteWithPlan(h, w);
    const x = workouts[2]!;
    for (let i = 0; i < ACTION_LIMITS.move; i++) await w.control.move(by, plan.id, x.id, addDays(plan.startDate, i % 2 ? 3 : 4));
    const limited = await refusal(w.control.move(by, plan.id, x.id, addDays(plan.startDate, 5)));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.details?.retryAfterSeconds).toBeGreaterThan(0);
    expect(limited.details?.retryAfterSeconds).toBeLessThanOrEqual(3600);
  });

  it('an activity that completes a workout shows on the calendar, and the workout no longer changes', async () => {
    const h = Harness.init();
    const w = world(h);
    const { a, plan, by, workouts } = await athleteWithPlan(h, w);
    const x = workouts.find((d) => d.sport === 'run')!;
    await w.activities.ingest(
      a.id,
      buildActivity({
        sport: 'run',
        startTime: new Date(`${x.date}T14:00:00Z`),
        localStartDate: x.date,
        movingTimeS: x.durationSec,
        elapsedTimeS: x.durationSec,
      }),
    );
    const [day] = (await w.plans.calendar(a, plan.id, x.date, x.date)).filter((d) => d.workout.id === x.id);
    expect(day?.compliance).toMatchObject({ status: 'completed', band: 'green' });
    expect((await refusal(w.control.move(by, plan.id, x.id, addDays(x.date, 1)))).details?.reason).toBe('WORKOUT_COMPLETED');
  });

  it('the training page: a paused plan is still current (to resume)', async () => {
    const h = Harness.init();
    const w = world(h);
    const { a, plan, by } = await athleteWithPlan(h, w);
    await w.control.setStatus(by, plan.id, 'paused');
    expect(await w.plans.active(a.id)).toBeUndefined();
    expect((await w.plans.current(a.id))?.id).toBe(plan.id);
    await w.control.setStatus(by, plan.id, 'cancelled');
    expect(await w.plans.current(a.id)).toBeUndefined();
  });
});
