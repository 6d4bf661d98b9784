// Weekly planned vs actual for the training page: plan weeks by start date, matched activities counted
// against their workouts, skipped workouts out of the plan, another athlete's plan not found.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates';
import { buildActivity } from '../../testing/factories/activity';
import { analyticsWorld, insertAthlete } from '../../testing/analytics';
import { Harness } from '../../testing/harness';
import { giveTier, membershipOf } from '../../testing/scenarios';
import { createWorkoutControl } from './control/workout-control.service';
import { createPlansService } from './plans.service';

describe('plans weekly', () => {
  it('sums each plan week: planned hours and load, and what the matched activities did', async () => {
    const h = Harness.init();
    const { analytics, activities, clock } = analyticsWorld(h.db);
    const membership = membershipOf(h);
    const plans = createPlansService({ db: h.db, clock, analytics, membership });
    const control = createWorkoutControl({ db: h.db, clock, membership });
    const a = await insertAthlete(h.db, { timeZone: 'Europe/Berlin' });
    await giveTier(h, a.id, 'pro');
    const today = todayIn(a.timeZone, new Date());
    const plan = await plans.create(a, {
      goal: { kind: 'run_10k', eventDate: addDays(today, 70), eventName: null },
      availableDays: [0, 2, 4, 6],
      longDay: 6,
      hoursPerWeek: 5,
      includeStrength: false,
    });
    const week1 = (await plans.calendar(a, plan.id, plan.startDate, addDays(plan.startDate, 6))).map((d) => d.workout);
    const [done, skipped] = week1.filter((x) => x.sport === 'run');
    await activities.ingest(
      a.id,
      buildActivity({
        sport: 'run',
        startTime: new Date(`${done!.date}T10:00:00Z`),
        localStartDate: done!.date,
        movingTimeS: 1800,
        elapsedTimeS: 1800,
      }),
    );
    await control.setSkipped({ athlete: a, actorId: a.id, source: 'athlete' }, plan.id, skipped!.id, true);

    const [first, ...rest] = await plans.weekly(a, plan.id, plan.startDate, addDays(plan.startDate, 7));
    expect(rest.map((w) => w.week)).toEqual([2]);
    const counted = week1.filter((x) => x.id !== skipped!.id && x.sport !== 'rest');
    expect(first).toMatchObject({ week: 1, startDate: plan.startDate, workouts: { completed: 1, skipped: 1 } });
    expect(first!.planned.durationSec).toBe(counted.reduce((s, x) => s + x.durationSec, 0));
    expect(first!.actual.durationSec).toBe(1800);
    expect(await plans.weekly(a, plan.id, addDays(plan.endDate, 1), addDays(plan.endDate, 30))).toEqual([]);

    const other = await insertAthlete(h.db, { timeZone: 'UTC' });
    await expect(plans.weekly(other, plan.id, plan.startDate, plan.endDate)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
