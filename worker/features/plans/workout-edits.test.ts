// Full workout control's actions on real Postgres: edit, add, delete, swap, adjust a week, link/unlink,
// the plan's status — each constraint on its own (completed immutable, active plan only, date bounds,
// week and phase), undo restoring whole rows, and the hourly buckets on a clock the test moves.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import { Harness } from '../../testing/harness';
import type { WorkoutRow } from './plans.repo';
import type { StepNode } from './plans.types';
import { ADJUST_BOUNDS } from './workout-control.schema';
import { ACTION_LIMITS } from './workout-control.service';
import { athleteWithPlan, complete, controlWorld, planRequest, refusal, restorable, rows } from './plans-control.testing';

const INTERVALS: StepNode[] = [
  { kind: 'warmup', durationSec: 900, distanceM: null, target: { metric: 'hr', zone: 2, low: 0.7, high: 0.8 } },
  {
    kind: 'repeat',
    count: 5,
    steps: [
      { kind: 'work', durationSec: null, distanceM: 1000, target: { metric: 'pace', zone: 4, low: 0.98, high: 1.02 } },
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
  it('edits each kind of field; sport and type must fit; an empty patch is refused; a completed workout no longer changes', async () => {
    const h = Harness.init();
    const w = controlWorld(h);
    const { a, plan, by, workouts } = await athleteWithPlan(h, w);
    const x = workouts.find((r) => r.sport === 'run')!;
    await w.control.edit(by, plan.id, x.id, { title: 'Hills', description: 'Six hills\nwalk down' });
    await w.control.edit(by, plan.id, x.id, { durationSec: 3600, distanceM: 12_000, targetLoad: 70.5 });
    await w.control.edit(by, plan.id, x.id, {
      type: 'intervals',
      intensity: { metric: 'pace', zone: 4, low: 0.95, high: 1 },
      steps: INTERVALS,
    });
    await w.control.edit(by, plan.id, x.id, { sport: 'bike', distanceM: null });
    const [edited] = (await rows(h, plan.id)).filter((r) => r.id === x.id);
    expect(edited).toMatchObject({
      title: 'Hills',
      description: 'Six hills\nwalk down',
      durationSec: 3600,
      distanceM: null,
      targetLoad: 70.5,
      type: 'intervals',
      sport: 'bike',
      intensity: { metric: 'pace', zone: 4, low: 0.95, high: 1 },
      steps: INTERVALS,
      revision: x.revision + 4,
    });
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
        targetLoad: 23.3,
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
      expect(next.targetLoad).toBe(Math.round((r.targetLoad * 110) / 10) / 10);
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

describe('workout control: undo and rate limits', () => {
  it('undo gives back the exact rows for every action (an add is removed, and its undo brings it back)', async () => {
    const h = Harness.init();
    const w = controlWorld(h);
    const { plan, by, workouts } = await athleteWithPlan(h, w);
    const x = workouts[1]!;
    const y = workouts.find((r) => r.week === 3)!;
    const actions = [
      () => w.control.edit(by, plan.id, x.id, { title: 'Changed', steps: INTERVALS, intensity: null, distanceM: 5000 }),
      () =>
        w.control.add(by, plan.id, {
          date: x.date,
          sport: 'swim',
          type: 'technique',
          title: 'Drills',
          durationSec: 1800,
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
