// Full workout control's actions on real Postgres: edit, add, delete and the plan's status (swap, adjust and
// link are in workout-moves.test.ts) — each constraint on its own (completed immutable, active plan only,
// date bounds, week and phase), undo restoring whole rows, and the hourly buckets on a clock the test moves.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import type { WorkoutRow } from '../plans.repo';
import type { StepNode } from '../plans.types';
import { ACTION_LIMITS } from './workout-control.service';
import { athleteWithPlan, complete, controlWorld, generatorLoad, planRequest, refusal, restorable, rows } from './plans-control.testing';

const INTERVALS: StepNode[] = [
  { kind: 'warmup', durationSec: 900, distanceM: null, target: { metric: 'hr', zone: 2, low: 0.7, high: 0.8 } },
  {
    kind: 'repeat',
    count: 5,
    steps: [
      { kind: 'work', durationSec: 240, distanceM: null, target: { metric: 'pace', zone: 4, low: 0.95, high: 1 } },
      { kind: 'recovery', durationSec: 120, distanceM: null, target: null },
    ],
  },
  { kind: 'cooldown', durationSec: 600, distanceM: null, target: null, note: 'Easy jog' },
];

/** A day of the plan with no workout whose neighbours both have one (the generator leaves such days). */
function gapDay(list: WorkoutRow[]): string {
  const days = new Set(list.map((w) => w.date));
  const d = list.map((w) => addDays(w.date, 1)).find((x) => !days.has(x) && days.has(addDays(x, 1)));
  if (!d) throw new Error('the plan has no one-day gap');
  return d;
}

describe('workout control: edit, add, delete', () => {
  it('edits each kind of field, and what follows with it; sport and type must fit; an empty patch is refused; a completed workout no longer changes', async () => {
    const h = Harness.init();
    const w = controlWorld(h);
    const { a, plan, by, workouts } = await athleteWithPlan(h, w);
    const x = workouts.find((r) => r.sport === 'run')!;
    await w.control.edit(by, plan.id, x.id, { title: 'Hills', description: 'Six hills\nwalk down' });
    await w.control.edit(by, plan.id, x.id, { durationSec: 3600, distanceM: 12_000 });
    // The load follows from the steps: one made up is refused, naming the field.
    expect((await refusal(w.control.edit(by, plan.id, x.id, { targetLoad: 70.5 }))).details?.fields?.[0]?.path).toBe('targetLoad');
    await w.control.edit(by, plan.id, x.id, {
      type: 'intervals',
      intensity: { metric: 'pace', zone: 4, low: 0.95, high: 1 },
      steps: INTERVALS,
    });
    // The athlete's own words stay; the duration is the steps' 55 min, the distance keeps its pace.
    expect((await rows(h, plan.id)).find((r) => r.id === x.id)).toMatchObject({
      title: 'Hills',
      description: 'Six hills\nwalk down',
      durationSec: 3300,
      distanceM: 11_000,
      targetLoad: generatorLoad('run', INTERVALS),
      type: 'intervals',
      sport: 'run',
      intensity: { metric: 'pace', zone: 4, low: 0.95, high: 1 },
      steps: INTERVALS,
    });
    // Another sport: the plan's intervals session for a ride of that length; the athlete's words stay.
    await w.control.edit(by, plan.id, x.id, { sport: 'bike', distanceM: null });
    const [edited] = (await rows(h, plan.id)).filter((r) => r.id === x.id);
    expect(edited).toMatchObject({
      title: 'Hills',
      description: 'Six hills\nwalk down',
      durationSec: 3300,
      distanceM: null,
      type: 'intervals',
      sport: 'bike',
      intensity: { metric: 'power', zone: 5 },
      revision: x.revision + 4,
    });
    expect(edited!.targetLoad).toBe(generatorLoad('bike', edited!.steps as StepNode[]));
    const misfit = await refusal(w.control.edit(by, plan.id, x.id, { sport: 'swim', type: 'brick' }));
    expect(misfit.details?.fields?.[0]?.path).toBe('type');
    expect((await refusal(w.control.edit(by, plan.id, x.id, {}))).message).toContain('Nothing to update');

    const y = workouts.filter((r) => r.sport === 'run' && r.id !== x.id && r.durationSec > 0)[0]!;
    const retitled = await w.control.edit(by, plan.id, y.id, { title: 'Before the run' });
    await complete(w, a.id, y);
    const done = await refusal(w.control.edit(by, plan.id, y.id, { title: 'Rewrite history' }));
    expect(done.details?.reason).toBe('WORKOUT_COMPLETED');
    // Nor does undo rewrite it.
    expect((await refusal(w.control.undo(by, plan.id, retitled.id))).details?.reason).toBe('WORKOUT_COMPLETED');
    expect((await refusal(w.control.setSkipped(by, plan.id, y.id, true, 'delete'))).details?.reason).toBe('WORKOUT_COMPLETED');
  });

  it('adds on a day of the plan: the week from the day, the phase from the nearest workout (a tie: the earlier one; none: the week’s)', async () => {
    const h = Harness.init();
    const w = controlWorld(h);
    const { plan, by, workouts } = await athleteWithPlan(h, w);
    const day = gapDay(workouts);
    // Tell the neighbours apart by phase: the day before and the day after are equally near.
    await h.db.execute(sql`update planned_workouts set phase = 'peak' where plan_id = ${plan.id} and date = ${addDays(day, -1)}`);
    await h.db.execute(sql`update planned_workouts set phase = 'taper' where plan_id = ${plan.id} and date = ${addDays(day, 1)}`);
    const base = { sport: 'run' as const, type: 'easy' as const, title: 'Extra easy run', durationSec: 1800 };
    const tie = await w.control.add(by, plan.id, { ...base, date: day });
    const [addedId] = Object.keys(tie.after as object);
    expect(tie.before).toEqual({ [addedId!]: null });
    const expectedWeek = Math.floor((Date.parse(day) - Date.parse(plan.startDate)) / (7 * 86_400_000)) + 1;
    expect(tie.after).toMatchObject({ [addedId!]: { date: day, week: expectedWeek, phase: 'peak', skipped: false } });
    // Without the day before, the day after is nearest.
    await w.control.undo(by, plan.id, tie.id);
    await h.db.execute(sql`delete from planned_workouts where plan_id = ${plan.id} and date = ${addDays(day, -1)}`);
    expect(Object.values((await w.control.add(by, plan.id, { ...base, date: day })).after as object)[0]).toMatchObject({ phase: 'taper' });
    // A later week, across the week boundary: week 3, whatever the day before says.
    const later = await w.control.add(by, plan.id, { ...base, date: addDays(plan.startDate, 15) });
    expect(Object.values(later.after as object)[0]).toMatchObject({ week: 3 });
    // No workout left at all: the week's own phase.
    await h.db.execute(sql`delete from planned_workouts where plan_id = ${plan.id}`);
    const lone = await w.control.add(by, plan.id, { ...base, date: addDays(plan.startDate, 8) });
    expect(Object.values(lone.after as object)[0]).toMatchObject({ week: 2, phase: (plan.weeks as { phase: string }[])[1]!.phase });
    const outside = await refusal(w.control.add(by, plan.id, { ...base, date: addDays(plan.endDate, 1) }));
    expect(outside.details?.fields?.[0]?.path).toBe('date');
    expect((await refusal(w.control.add(by, plan.id, { ...base, type: 'strength', date: day }))).details?.fields?.[0]?.path).toBe('type');
  });

  it('delete is a soft skip anyone may make, restorable; only an active plan changes, and the status is logged', async () => {
    const h = Harness.init();
    const w = controlWorld(h);
    const free = await athleteWithPlan(h, w, 'free');
    const x = free.workouts[0]!;
    const del = await w.control.setSkipped(free.by, free.plan.id, x.id, true, 'delete');
    expect(del.action).toBe('delete');
    expect((await rows(h, free.plan.id)).find((r) => r.id === x.id)).toMatchObject({ skipped: true });
    await w.control.undo(free.by, free.plan.id, del.id);
    expect((await rows(h, free.plan.id)).find((r) => r.id === x.id)).toMatchObject({ skipped: false });
    expect((await refusal(w.control.edit(free.by, free.plan.id, x.id, { title: 'Pro only' }))).code).toBe('ENTITLEMENT_REQUIRED');

    const pro = await athleteWithPlan(h, w);
    const y = pro.workouts[0]!;
    expect((await w.control.setStatus(pro.by, pro.plan.id, 'paused')).status).toBe('paused');
    for (const attempt of [
      () => w.control.edit(pro.by, pro.plan.id, y.id, { title: 'Paused' }),
      () => w.control.add(pro.by, pro.plan.id, { date: y.date, sport: 'run', type: 'easy', title: 'x', durationSec: 600 }),
      () => w.control.setSkipped(pro.by, pro.plan.id, y.id, true, 'delete'),
      () => w.control.swap(pro.by, pro.plan.id, y.date, addDays(y.date, 1)),
      () => w.control.adjustWeek(pro.by, pro.plan.id, 2, -10),
      () => w.control.unlink(pro.by, pro.plan.id, y.id),
    ])
      expect((await refusal(attempt())).details?.reason).toBe('PLAN_NOT_ACTIVE');
    // One active plan: resuming while another is active is refused.
    const second = await w.plans.create(pro.a, planRequest(pro.today));
    expect((await refusal(w.control.setStatus(pro.by, pro.plan.id, 'active'))).details?.reason).toBe('PLAN_EXISTS');
    await w.control.setStatus(pro.by, second.id, 'cancelled');
    expect((await w.control.setStatus(pro.by, pro.plan.id, 'active')).status).toBe('active');
    expect((await w.control.setStatus(pro.by, pro.plan.id, 'cancelled')).status).toBe('cancelled');
    expect((await refusal(w.control.setStatus(pro.by, pro.plan.id, 'active'))).details?.reason).toBe('PLAN_NOT_ACTIVE');
    const log = await w.control.changes(pro.a.id, pro.plan.id);
    expect(log.map((c) => c.action)).toEqual(['cancel', 'resume', 'pause']);
    expect((await refusal(w.control.undo(pro.by, pro.plan.id, log[1]!.id))).details?.reason).toBe('UNDO_CONFLICT');
  });
});

describe('workout control: undo and rate limits', () => {
  it('undo gives back the exact rows for every action (an add is removed, and its undo brings it back)', async () => {
    const h = Harness.init();
    const w = controlWorld(h);
    const { plan, by, workouts } = await athleteWithPlan(h, w);
    const x = workouts[1]!;
    const y = workouts.find((r) => r.week === 3)!;
    const actions = [
      () => w.control.edit(by, plan.id, x.id, { title: 'Changed', steps: INTERVALS, distanceM: 5000 }),
      () => w.control.edit(by, plan.id, x.id, { type: 'recovery', durationSec: 1800 }),
      () =>
        w.control.add(by, plan.id, {
          date: x.date,
          sport: 'swim',
          type: 'technique',
          title: 'Drills',
          durationSec: 3300,
          steps: INTERVALS,
        }),
      () => w.control.setSkipped(by, plan.id, x.id, true, 'delete'),
      () => w.control.swap(by, plan.id, x.date, y.date),
      () => w.control.adjustWeek(by, plan.id, 3, -25),
      () => w.control.unlink(by, plan.id, x.id),
      () => w.control.move(by, plan.id, x.id, y.date),
    ];
    for (const act of actions) {
      const before = restorable(await rows(h, plan.id));
      const c = await act();
      expect(restorable(await rows(h, plan.id)), c.action).not.toEqual(before);
      const undo = await w.control.undo(by, plan.id, c.id);
      expect(restorable(await rows(h, plan.id)), `undo of ${c.action}`).toEqual(before);
      if (c.action === 'add') {
        // Undoing the undo puts the same workout back.
        await w.control.undo(by, plan.id, undo.id);
        expect((await rows(h, plan.id)).map((r) => r.id)).toContain(Object.keys(c.after as object)[0]);
      }
    }
  });

  it(`buckets per clock hour: add ${ACTION_LIMITS.add}, edit ${ACTION_LIMITS.edit}, delete with skip ${ACTION_LIMITS.skip}; the next answers 429 until the hour turns`, async () => {
    const h = Harness.init();
    const w = controlWorld(h);
    const { plan, by, workouts } = await athleteWithPlan(h, w);
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    w.at(new Date(hour + 10 * 60_000));
    const add = () => w.control.add(by, plan.id, { date: plan.startDate, sport: 'run', type: 'easy', title: 'Extra', durationSec: 900 });
    for (let i = 0; i < ACTION_LIMITS.add; i++) await add();
    const limited = await refusal(add());
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.details?.retryAfterSeconds).toBe(50 * 60);
    // Other buckets are their own.
    const x = workouts[0]!;
    for (let i = 0; i < ACTION_LIMITS.edit; i++) await w.control.edit(by, plan.id, x.id, { title: `Edit ${i}` });
    expect((await refusal(w.control.edit(by, plan.id, x.id, { title: 'One more' }))).code).toBe('RATE_LIMITED');
    for (let i = 0; i < ACTION_LIMITS.skip; i++)
      await w.control.setSkipped(by, plan.id, workouts[i + 1]!.id, true, i % 2 ? 'skip' : 'delete');
    expect((await refusal(w.control.setSkipped(by, plan.id, workouts[9]!.id, true, 'delete'))).code).toBe('RATE_LIMITED');
    w.at(new Date(hour + 3_600_000 + 1000));
    expect((await add()).action).toBe('add');
  });
});
