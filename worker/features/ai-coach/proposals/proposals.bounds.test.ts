// A proposal's validation and bounds: the catalog's shapes (zod), then each refusal against the active
// plan (not in it, completed, outside the horizon or the plan, twice the same workout, a type that does
// not fit, Pro on Free, no plan), the forecast's arithmetic, and the kill switch at the service level.
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { Harness } from '../../../testing/harness';
import { insertAthlete } from '../../../testing/analytics';
import { ProposeInput } from './proposals.schema';
import { complete, input, noChat, proposalWorld, proposer, refusal, rows, threeActions } from './proposals.testing';

const W = '00000000-0000-4000-8000-000000000001';

describe('proposal validation (the catalog)', () => {
  it('bounds the count of actions, the percent, the reason and the risk notes; knows only the catalog', () => {
    const ok = { actions: [{ kind: 'skip', workoutId: W }], reason: 'Rest' };
    expect(ProposeInput.safeParse(ok).success).toBe(true);
    const bad = [
      { ...ok, actions: [] },
      { ...ok, actions: Array.from({ length: 7 }, () => ({ kind: 'skip', workoutId: W })) },
      { ...ok, actions: [{ kind: 'adjust_load', workoutId: W, percent: 11 }] },
      { ...ok, actions: [{ kind: 'adjust_load', workoutId: W, percent: -51 }] },
      { ...ok, actions: [{ kind: 'adjust_load', workoutId: W, percent: 0 }] },
      { ...ok, actions: [{ kind: 'adjust_load', workoutId: W, percent: 5.5 }] },
      { ...ok, actions: [{ kind: 'replace_workout', workoutId: W, type: 'sprint' }] },
      { ...ok, actions: [{ kind: 'move', workoutId: W, date: 'tomorrow' }] },
      { ...ok, actions: [{ kind: 'delete_plan', workoutId: W }] },
      { ...ok, actions: [{ kind: 'skip', workoutId: 'not-an-id' }] },
      { ...ok, reason: '' },
      { ...ok, reason: 'x'.repeat(501) },
      { ...ok, riskNotes: ['a', 'b', 'c', 'd', 'e'] },
      { ...ok, riskNotes: ['x'.repeat(201)] },
    ];
    for (const b of bad) expect(ProposeInput.safeParse(b).success, JSON.stringify(b).slice(0, 80)).toBe(false);
  });
});

describe('proposal bounds (against the active plan)', () => {
  it('refuses each out-of-bounds action with a reason the model can relay, and writes nothing', async () => {
    const h = Harness.init();
    const w = proposalWorld(h);
    const x = await proposer(h, w);
    const other = await proposer(h, w);
    const [a, b] = [x.open[0]!, x.open[1]!];
    const propose = (actions: Parameters<typeof input>[0]) => w.proposals.propose(x.a, input(actions), noChat);
    const said = async (actions: Parameters<typeof input>[0]) => {
      const err = await refusal(propose(actions));
      return { code: err.code, message: err.message, path: err.details?.fields?.[0]?.path, reason: err.details?.reason };
    };

    expect(await said([{ kind: 'skip', workoutId: other.open[0]!.id }])).toMatchObject({ code: 'VALIDATION', path: 'actions' });
    expect(await said([{ kind: 'skip', workoutId: W }])).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/not in the active plan/),
    });
    expect(await said([{ kind: 'move', workoutId: a.id, date: addDays(x.today, 28) }])).toMatchObject({ code: 'VALIDATION', path: 'date' });
    expect(await said([{ kind: 'move', workoutId: a.id, date: addDays(x.today, -1) }])).toMatchObject({ code: 'VALIDATION', path: 'date' });
    const far = x.workouts.find((r) => r.date > addDays(x.today, 27))!;
    expect(await said([{ kind: 'skip', workoutId: far.id }])).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/next 28 days/),
    });
    expect(
      await said([
        { kind: 'skip', workoutId: a.id },
        { kind: 'swap_days', workoutId: b.id, otherWorkoutId: a.id },
      ]),
    ).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/two actions/) });
    const run = x.open.find((r) => r.sport === 'run')!;
    expect(await said([{ kind: 'replace_workout', workoutId: run.id, type: 'brick' }])).toMatchObject({ code: 'VALIDATION', path: 'type' });
    expect(await said([{ kind: 'replace_workout', workoutId: run.id, type: run.type }])).toMatchObject({
      code: 'VALIDATION',
      path: 'type',
    });
    expect(await said([{ kind: 'restore', workoutId: a.id }])).toMatchObject({ code: 'VALIDATION', message: 'Not skipped.' });
    // Six skips are more than an hour's skips allow (5): never proposed, so never a proposal that cannot apply.
    const six = x.open.slice(0, 6).map((r) => ({ kind: 'skip' as const, workoutId: r.id }));
    expect(await said(six)).toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/At most 5 skip/) });

    await complete(w, x.a.id, run);
    expect(await said([{ kind: 'skip', workoutId: run.id }])).toMatchObject({ code: 'VALIDATION', reason: 'WORKOUT_COMPLETED' });

    expect(await rows(h, x.plan.id)).toEqual(x.workouts);
    const mine = await w.proposals.list(x.a.id);
    expect(mine).toEqual([]);
  });

  it('Pro actions are refused on Free with a message to relay; skip and restore are free; no plan, no proposal', async () => {
    const h = Harness.init();
    const w = proposalWorld(h);
    const x = await proposer(h, w, 'free');
    const err = await refusal(w.proposals.propose(x.a, input([{ kind: 'adjust_load', workoutId: x.open[0]!.id, percent: -20 }]), noChat));
    expect(err.code).toBe('ENTITLEMENT_REQUIRED');
    expect(err.message).toMatch(/part of Pro \(upgrade: \/pricing#plan-pro\); on this plan only skip and restore/);
    const ok = await w.proposals.propose(x.a, input([{ kind: 'skip', workoutId: x.open[0]!.id }]), noChat);
    expect(ok.status).toBe('proposed');

    const planless = await insertAthlete(h.db);
    const none = await refusal(w.proposals.propose(planless, input([{ kind: 'skip', workoutId: W }]), noChat));
    expect(none.message).toMatch(/no active plan/);
  });

  it('the diff and the forecast: the workouts as they would be, the weeks’ planned load and the form before and after', async () => {
    const h = Harness.init();
    const w = proposalWorld(h);
    const x = await proposer(h, w);
    const actions = threeActions(x.open);
    const p = await w.proposals.propose(x.a, input(actions), noChat);
    const [a, b, c] = [x.open[0]!, x.open[1]!, x.open[2]!];
    const byId = new Map(p.diff.map((d) => [d.workoutId, d]));
    expect(byId.get(a.id)).toMatchObject({ before: { date: a.date }, after: { date: (actions[0] as { date: string }).date } });
    // Half the load: the halved steps' own load (each step to 5 s), within a rounding of half of it.
    expect(byId.get(b.id)!.after!.targetLoad).toBeCloseTo(b.targetLoad / 2, 0);
    expect(byId.get(b.id)!.after!.durationMin).toBeLessThan(byId.get(b.id)!.before!.durationMin);
    expect(byId.get(c.id)).toMatchObject({ before: { skipped: false }, after: { skipped: true } });

    // Less planned load: each week's load drops by what the week lost, and the form ends higher.
    const lost = b.targetLoad - byId.get(b.id)!.after!.targetLoad + c.targetLoad;
    const dropped = p.forecast.weeks.reduce((s, wk) => s + wk.loadBefore - wk.loadAfter, 0);
    expect(dropped).toBeCloseTo(lost, 0);
    expect(p.forecast.formAfter!).toBeGreaterThan(p.forecast.formBefore!);
    expect(p.riskNotes).toEqual(['Keep it easy.']);
  });

  it('the kill switch off: proposing and confirming refuse with a message; nothing changes', async () => {
    const h = Harness.init();
    const w = proposalWorld(h);
    const x = await proposer(h, w);
    const p = await w.proposals.propose(x.a, input(threeActions(x.open)), noChat);
    await w.flag.set(false);
    const propose = await refusal(w.proposals.propose(x.a, input([{ kind: 'skip', workoutId: x.open[4]!.id }]), noChat));
    expect(propose).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/switched off/) });
    expect(propose.details?.reason).toBe('FEATURE_OFF');
    expect((await refusal(w.proposals.confirm(x.viewer, p.id))).details?.reason).toBe('FEATURE_OFF');
    expect(await rows(h, x.plan.id)).toEqual(x.workouts);
    expect((await w.proposals.get(x.a.id, p.id)).status).toBe('proposed');
    await w.flag.set(true);
    expect((await w.proposals.confirm(x.viewer, p.id)).status).toBe('applied');
  });
});
