// Full workout control's actions that move time around, on real Postgres: swap two days, adjust a week's
// load, link/unlink an activity — each with its constraints (completed immutable, bounds naming the field).
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import type { WorkoutRow } from '../plans.repo';
import type { StepNode } from '../plans.types';
import { ADJUST_BOUNDS } from './workout-control.schema';
import { athleteWithPlan, complete, controlWorld, generatorLoad, refusal, restorable, rows } from './plans-control.testing';

describe('workout control: swap, adjust, link', () => {
  it('swaps two days across weeks (week and phase follow the day); a completed workout refuses it; bounds name the field', async () => {
    const h = Harness.init();
    const w = controlWorld(h);
    const { a, plan, by, workouts } = await athleteWithPlan(h, w);
    const first = workouts[0]!;
    const later = workouts.find((r) => r.week === 5)!;
    const before = await rows(h, plan.id);
    const swap = await w.control.swap(by, plan.id, first.date, later.date);
    const after = new Map((await rows(h, plan.id)).map((r) => [r.id, r]));
    for (const r of before.filter((x) => x.date === first.date))
      expect(after.get(r.id)).toMatchObject({ date: later.date, week: 5, phase: (plan.weeks as { phase: string }[])[4]!.phase });
    for (const r of before.filter((x) => x.date === later.date)) expect(after.get(r.id)).toMatchObject({ date: first.date, week: 1 });
    await w.control.undo(by, plan.id, swap.id);
    expect(restorable(await rows(h, plan.id))).toEqual(restorable(before));

    expect((await refusal(w.control.swap(by, plan.id, first.date, addDays(plan.endDate, 1)))).details?.fields?.[0]?.path).toBe('to');
    const run = workouts.find((r) => r.sport === 'run' && r.durationSec > 0)!;
    await complete(w, a.id, run);
    const done = await refusal(w.control.swap(by, plan.id, addDays(run.date, 1), run.date));
    expect(done.details?.reason).toBe('WORKOUT_COMPLETED');
  });

  it(`adjusts a week's remaining load within ${ADJUST_BOUNDS.min} %…+${ADJUST_BOUNDS.max} %, rounded; past, skipped and completed workouts stay`, async () => {
    const h = Harness.init();
    const w = controlWorld(h);
    const { a, plan, by } = await athleteWithPlan(h, w);
    // The fullest week after the first (a recovery week has fewer sessions).
    const all = (await rows(h, plan.id)).filter((r) => r.durationSec > 0 && r.week > 1);
    const wk = [...new Set(all.map((r) => r.week))].sort(
      (x, y) => all.filter((r) => r.week === y).length - all.filter((r) => r.week === x).length,
    )[0]!;
    const week2 = all.filter((r) => r.week === wk);
    // Today is the day after the week's first workout; one workout from then on skipped, one completed.
    const today = week2.find((r) => r.date > week2[0]!.date)!.date;
    w.at(new Date(`${today}T18:00:00Z`));
    // Two rides more on the week's last day (a run activity never matches them), so some are left to adjust.
    const last = week2.at(-1)!.date;
    for (const distanceM of [null, 6000])
      await w.control.add(by, plan.id, {
        date: last,
        sport: 'bike',
        type: 'easy',
        title: 'Extra',
        durationSec: 1830,
        distanceM,
      });
    const remaining = (await rows(h, plan.id)).filter((r) => r.week === wk && r.durationSec > 0 && r.date >= today);
    expect(remaining.length).toBeGreaterThanOrEqual(4);
    const [skipped, done] = [remaining[0]!, remaining.find((r) => r.sport === 'run' && r.id !== remaining[0]!.id)!];
    await w.control.setSkipped(by, plan.id, skipped.id, true);
    await complete(w, a.id, done);
    const before = await rows(h, plan.id);
    const change = await w.control.adjustWeek(by, plan.id, wk, 10);
    const after = await rows(h, plan.id);
    const changed = Object.keys(change.after as object);
    expect(changed.sort()).toEqual(
      remaining
        .filter((r) => r.id !== skipped.id && r.id !== done.id)
        .map((r) => r.id)
        .sort(),
    );
    for (const r of before) {
      const next = after.find((x) => x.id === r.id)!;
      if (!changed.includes(r.id)) {
        expect(next, `${r.date} unchanged`).toEqual(r);
        continue;
      }
      expect(next.durationSec % 5).toBe(0);
      expect(next.durationSec / r.durationSec).toBeCloseTo(1.1, 1);
      // The load is the steps' (the generator's rule), about 10 % more; the words state the new lengths.
      expect(next.targetLoad).toBe(generatorLoad(next.sport, next.steps as StepNode[]));
      expect(next.targetLoad / r.targetLoad).toBeCloseTo(1.1, 1);
      if (/\d min/.test(r.title)) expect(next.title).not.toBe(r.title);
      if (r.distanceM !== null) expect(next.distanceM! % 10).toBe(0);
      expect(next.revision).toBe(r.revision + 1);
    }
    await w.control.undo(by, plan.id, change.id);
    expect(restorable(await rows(h, plan.id))).toEqual(restorable(before));
    // Out of the bounds or the plan, or nothing left: 400 naming the field.
    for (const [week, percent, field] of [
      [wk, ADJUST_BOUNDS.max + 1, 'percent'],
      [wk, ADJUST_BOUNDS.min - 1, 'percent'],
      [60, -10, 'week'],
      [1, -10, 'week'],
    ] as const)
      expect((await refusal(w.control.adjustWeek(by, plan.id, week, percent))).details?.fields?.[0]?.path).toBe(field);
    const halved = await w.control.adjustWeek(by, plan.id, wk + 1, ADJUST_BOUNDS.min);
    const w3 = (await rows(h, plan.id)).filter((r) => r.id in (halved.after as object));
    expect(w3.length).toBeGreaterThan(0);
    for (const r of w3) expect(r.durationSec / (halved.before as Record<string, WorkoutRow>)[r.id]!.durationSec).toBeCloseTo(0.5, 1);
  });

  it('link pins an activity of the day, unlink forbids any, and null gives the workout back to matching; other days and athletes refused', async () => {
    const h = Harness.init();
    const w = controlWorld(h);
    const { a, plan, by, workouts } = await athleteWithPlan(h, w);
    const runs = workouts.filter((r) => r.sport === 'run' && r.durationSec > 0);
    const x = runs[0]!;
    const matchOf = async (id: string, date: string) => (await w.plans.calendar(a, plan.id, date, date)).find((d) => d.workout.id === id)!;
    const act = await complete(w, a.id, x);
    expect((await matchOf(x.id, x.date)).match).toMatchObject({ activityId: act.id, source: 'auto' });
    // Unlink a completed workout (its match is what unlink is for): pending again, the activity unplanned.
    const unlink = await w.control.unlink(by, plan.id, x.id);
    expect((await matchOf(x.id, x.date)).match).toBeNull();
    expect((await matchOf(x.id, x.date)).compliance.status).toBe('pending');
    const link = await w.control.link(by, plan.id, x.id, act.id);
    expect((await matchOf(x.id, x.date)).match).toMatchObject({ activityId: act.id, source: 'manual' });
    const auto = await w.control.link(by, plan.id, x.id, null);
    expect(auto.action).toBe('auto');
    expect((await matchOf(x.id, x.date)).match).toMatchObject({ activityId: act.id, source: 'auto' });
    for (const c of [auto, link, unlink]) await w.control.undo(by, plan.id, c.id);
    expect((await rows(h, plan.id)).find((r) => r.id === x.id)).toMatchObject({ linkMode: null, linkedActivityId: null });

    // A link undone back to an activity deleted since is refused, not pointed at nothing.
    const pinned = await w.control.link(by, plan.id, x.id, act.id);
    const freed = await w.control.link(by, plan.id, x.id, null);
    await h.db.execute(sql`delete from activities where id = ${act.id}`);
    expect((await refusal(w.control.undo(by, plan.id, freed.id))).details?.reason).toBe('UNDO_CONFLICT');
    expect(pinned.action).toBe('link');

    const elsewhere = await complete(w, a.id, runs[1]!);
    expect((await refusal(w.control.link(by, plan.id, x.id, elsewhere.id))).details?.fields?.[0]?.path).toBe('activityId');
    const other = await athleteWithPlan(h, w);
    const theirs = await complete(w, other.a.id, other.workouts.find((r) => r.sport === 'run' && r.durationSec > 0)!);
    expect((await refusal(w.control.link(by, plan.id, x.id, theirs.id))).code).toBe('NOT_FOUND');
    expect((await refusal(w.control.link(other.by, plan.id, x.id, act.id))).code).toBe('NOT_FOUND');
  });
});
