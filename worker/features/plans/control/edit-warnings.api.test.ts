// Hand-edit warnings through HTTP (issue 58, ADR 104): a move that puts two hard days side by side is made and
// answered with a warning and the day the rules would pick; a harmless move is answered with none.
import { describe, expect, it } from 'vitest';
import { addDays, toEpochDay } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import { HARD_TYPES, type WorkoutType } from '../plans.types';
import { type ChangeBody, proWithPlan, today, type Workout } from '../plans-api.testing';

const hard = (w: Workout) => HARD_TYPES.includes(w.type as WorkoutType) && !w.skipped;

const weekOf = (start: string, date: string) => Math.floor((toEpochDay(date) - toEpochDay(start)) / 7);

describe('hand-edit warnings', () => {
  it('a move that puts two hard days together is made, and warned with the nearest clear day', async () => {
    const h = Harness.init();
    const a = await proWithPlan(h);
    const all = await a.calendar(a.plan.startDate, addDays(a.plan.startDate, 62));
    // The generated plan keeps its hard sessions apart: the earlier of two (both ahead) moved to the day before the later.
    const ahead = all.filter((w) => hard(w) && w.date > addDays(today(), 1));
    const i = ahead.findIndex((w, k) => k > 0 && toEpochDay(w.date) - toEpochDay(ahead[k - 1]!.date) >= 3);
    expect(i, JSON.stringify(ahead.map((w) => [w.date, w.type]))).toBeGreaterThan(0);
    const [second, first] = [ahead[i - 1]!, ahead[i]!];
    const to = addDays(first.date, -1);
    const moved = await a.api(`/workouts/${second.id}/move`, { body: { date: to } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    // Made: the workout is on its new day.
    expect((await a.calendar(a.plan.startDate, addDays(a.plan.startDate, 62))).find((w) => w.id === second.id)!.date).toBe(to);
    const stacked = moved.body.warnings!.filter((w) => w.code === 'stacked_hard_days');
    expect(stacked).toHaveLength(1);
    expect(stacked[0]!.message).toContain(`${to} and`);
    expect(stacked[0]!.message).toContain(first.date);
    // The rules' day: in the week it landed in, not beside a hard day, never the day it stacks on.
    const instead = stacked[0]!.date;
    if (instead) {
      expect(weekOf(a.plan.startDate, instead)).toBe(weekOf(a.plan.startDate, to));
      const others = (await a.calendar(a.plan.startDate, addDays(a.plan.startDate, 62)))
        .filter((w) => hard(w) && w.id !== second.id)
        .map((w) => w.date);
      expect([addDays(instead, -1), instead, addDays(instead, 1)].some((d) => others.includes(d))).toBe(false);
      expect(stacked[0]!.instead).toContain(instead);
    } else expect(stacked[0]!.instead).toContain(`keep it on`);
    // The change log has the move like any other; the history carries no warnings.
    const history = await a.api<{ changes: ChangeBody[] }>('/changes', { method: 'GET', body: undefined });
    expect(history.body.changes.find((c) => c.id === moved.body.id)!.warnings).toBeUndefined();
  });

  it('a harmless move answers with no warnings', async () => {
    const h = Harness.init();
    const a = await proWithPlan(h);
    const all = await a.calendar(a.plan.startDate, addDays(a.plan.startDate, 62));
    // An easy run moved to the next day, free and in the same plan week.
    const x = all.find(
      (w) =>
        w.type === 'easy' &&
        w.date > today() &&
        !all.some((o) => o.date === addDays(w.date, 1)) &&
        weekOf(a.plan.startDate, addDays(w.date, 1)) === weekOf(a.plan.startDate, w.date),
    )!;
    const moved = await a.api(`/workouts/${x.id}/move`, { body: { date: addDays(x.date, 1) } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.warnings).toEqual([]);
  });

  it('an add that takes the week past its ramp is made, and says the load the ramp allows', async () => {
    const h = Harness.init();
    const a = await proWithPlan(h);
    const all = await a.calendar(a.plan.startDate, addDays(a.plan.startDate, 62));
    // A loading week after a loading week (after a recovery week the ramp counts from the last loading one).
    const phase = (n: number) => a.plan.weeks[n - 1]!.phase;
    const week = [3, 4, 5, 6].find((n) => phase(n) !== 'recovery' && phase(n - 1) !== 'recovery')!;
    const load = (n: number) =>
      all.filter((w) => !w.skipped && weekOf(a.plan.startDate, w.date) === n - 1).reduce((s, w) => s + w.targetLoad, 0);
    const cap = load(week - 1) * 1.1;
    // A six-hour easy ride in that week, far past the ramp.
    const day = addDays(a.plan.startDate, (week - 1) * 7 + 2);
    const added = await a.api('/workouts', {
      body: { date: day, sport: 'bike', type: 'easy', title: 'Big day out', durationSec: 6 * 3600, slot: 'pm' },
    });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const jump = added.body.warnings!.find((w) => w.code === 'load_jump');
    expect(jump, JSON.stringify(added.body.warnings)).toBeDefined();
    expect(jump!.load).toBe(Math.round(cap));
    expect(jump!.instead).toContain(`The ramp allows ${Math.round(cap)} in week ${week}`);
  });
});
