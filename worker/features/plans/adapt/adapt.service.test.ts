// The adaptive pass on a known calendar (issue 58): a plan made next Monday (the week's layout is then fixed whatever
// day the test runs), its first key session missed.
// The minute pass finds the athlete, proposes the move once however often it reads the days, applies it on its own
// for an athlete who opted in (listed, undoable), and leaves the athlete alone once read until a day or their data moves.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { planAdaptations, plannedWorkouts } from '../../../db/schema';
import { addDays, mondayOf } from '../../../lib/dates';
import { createLogger } from '../../../lib/logger';
import { insertAthlete } from '../../../testing/analytics';
import { Harness } from '../../../testing/harness';
import { giveTier } from '../../../testing/scenarios';
import { createServices } from '../../../wiring';
import { HARD_TYPES, type WorkoutType } from '../plans.types';

const MADE = addDays(mondayOf(new Date().toISOString().slice(0, 10)), 7);
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

describe('the adaptive pass', () => {
  it('proposes a missed key session’s move once, applies it on its own when opted in, and undoes it', async () => {
    const h = Harness.init();
    let now = noon(MADE);
    const s = createServices(h.env, { requestId: null, logger: createLogger('error'), waitUntil: () => {}, clock: { now: () => now } });
    const a = await insertAthlete(h.db, { timeZone: 'UTC' });
    await giveTier(h, a.id, 'pro');
    const plan = await s.plans.create(a, {
      goal: { kind: 'run_half', eventDate: addDays(MADE, 7 * 16), eventName: 'Spring Half' },
      availableDays: [0, 1, 2, 3, 4, 5, 6],
      longDay: 6,
      hoursPerWeek: 5,
      includeStrength: false,
    });
    const workouts = await h.db.select().from(plannedWorkouts).where(eq(plannedWorkouts.planId, plan.id));
    const hard = workouts
      .filter((w) => HARD_TYPES.includes(w.type as WorkoutType) && w.date < addDays(MADE, 4))
      .sort((x, y) => (x.date < y.date ? -1 : 1))[0]!;
    expect(hard, 'a hard session early in week 1').toBeDefined();

    // The day after it, nothing done: the pass proposes moving it later in its week.
    now = noon(addDays(hard.date, 1));
    await s.adapt.setAuto(a, plan.id, true);
    const kept = await s.adapt.pass(a);
    const moved = kept.find((r) => r.key === `missed:${hard.id}`)!;
    expect(moved.small).toBe(true);
    expect(moved.status).toBe('applied');
    expect(moved.auto).toBe(true);
    const step = (moved.steps as { kind: string; workoutId: string; date?: string; words: string }[])[0]!;
    expect(step).toMatchObject({ kind: 'move', workoutId: hard.id });
    expect(step.date! > now.toISOString().slice(0, 10) && step.date! <= addDays(MADE, 6)).toBe(true);
    expect(step.words).toMatch(/→/);
    expect(moved.reason).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const [after] = await h.db.select().from(plannedWorkouts).where(eq(plannedWorkouts.id, hard.id));
    expect(after!.date).toBe(step.date);

    // Read again: nothing new, and the athlete is no longer due until their day or data moves.
    expect(await s.adapt.pass(a)).toEqual([]);
    expect(
      (await h.db.select().from(planAdaptations).where(eq(planAdaptations.userId, a.id))).filter((r) => r.key === moved.key),
    ).toHaveLength(1);
    expect((await s.adapt.drain(100, 10_000)).athletes).toBe(0);
    now = noon(addDays(hard.date, 2));
    expect((await s.adapt.drain(100, 10_000)).athletes).toBe(1);

    // Undone, the session is back on its day and the change says so.
    const undone = await s.adapt.undo(a, plan.id, moved.id);
    expect(undone.status).toBe('undone');
    const [back] = await h.db.select().from(plannedWorkouts).where(eq(plannedWorkouts.id, hard.id));
    expect(back!.date).toBe(hard.date);
  });
});
