// The model's plan tools: forecast_plan_change states the weekly load and form before/after and writes
// nothing; propose_plan_change writes a proposal tied to the conversation's message and returns its id; a
// refusal reaches the model as an AppError it can explain. A Free athlete's skip-only proposal applies and
// is undone without Pro.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { coachProposals } from '../../../db/schema';
import { AppError } from '../../../lib/errors';
import { Harness } from '../../../testing/harness';
import type { ToolContext } from '../coach.types';
import { checkClaims } from '../grounding';
import { createProposalTools } from './proposals.tools';
import { input, noChat, proposalWorld, proposer, restorable, rows, threeActions } from './proposals.testing';

describe('proposal tools', () => {
  it('forecast states each affected week and the form, before and after, and writes nothing; propose writes one proposal', async () => {
    const h = Harness.init();
    const w = proposalWorld(h);
    const x = await proposer(h, w);
    const [forecast, propose] = createProposalTools({ proposals: w.proposals });
    expect([forecast!.name, propose!.name]).toEqual(['forecast_plan_change', 'propose_plan_change']);
    const ctx: ToolContext = { athlete: x.a, today: x.today, returnDate: null, conversationId: null, messageId: null };
    const actions = threeActions(x.open);

    const f = await forecast!.run(ctx, forecast!.input.parse({ actions }));
    expect(f).toMatchObject({ tool: 'forecast_plan_change', units: 'km', timeZone: 'America/Denver', empty: null, receipts: [] });
    const data = f.data as { planId: string; forecast: { weeks: { weekStart: string; loadBefore: number; loadAfter: number }[] } };
    expect(data.planId).toBe(x.plan.id);
    for (const wk of data.forecast.weeks) {
      expect(f.facts).toContainEqual({ label: `Planned load, week of ${wk.weekStart}, now`, value: wk.loadBefore, unit: 'load' });
      expect(f.facts).toContainEqual({
        label: `Planned load, week of ${wk.weekStart}, after the change`,
        value: wk.loadAfter,
        unit: 'load',
      });
    }
    expect(f.facts.filter((x) => x.unit === 'TSB')).toHaveLength(2);
    expect(await w.proposals.list(x.a.id)).toEqual([]);
    expect(await rows(h, x.plan.id)).toEqual(x.workouts);

    const r = await propose!.run(ctx, propose!.input.parse(input(actions)));
    const { proposalId } = r.data as { proposalId: string };
    expect(r.facts).toContainEqual({ label: 'Actions proposed', value: 3, unit: 'count' });
    const [row] = await h.db.select().from(coachProposals).where(eq(coachProposals.id, proposalId));
    expect(row).toMatchObject({ userId: x.a.id, status: 'proposed', createdBy: 'coach', reason: 'A lighter week after the race.' });
    expect(await rows(h, x.plan.id)).toEqual(x.workouts);

    // A refusal: thrown, with a message the model can say.
    const err = await propose!
      .run(ctx, propose!.input.parse(input([{ kind: 'restore', workoutId: x.open[0]!.id }])))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe('Not skipped.');
    expect(forecast!.input.safeParse({ actions: [{ kind: 'adjust_load', workoutId: x.open[0]!.id, percent: 25 }] }).success).toBe(false);
  });

  it('on Free, an easier workout is proposed as what Free allows (a skip), with the Pro version and the upgrade link; Pro gets it as asked', async () => {
    const h = Harness.init();
    const w = proposalWorld(h);
    const free = await proposer(h, w, 'free');
    const [, propose] = createProposalTools({ proposals: w.proposals });
    const ctx: ToolContext = { athlete: free.a, today: free.today, returnDate: null, conversationId: null, messageId: null };
    const next = free.open[0]!;
    const easier = propose!.input.parse(input([{ kind: 'adjust_load', workoutId: next.id, percent: -20 }]));
    const r = await propose!.run(ctx, easier);
    const data = r.data as { proposalId: string; instead: string; upgrade: string };
    expect(data.upgrade).toBe('/pricing#plan-pro');
    expect(data.instead).toMatch(
      /^Easing “.+” on \w{3} \d{1,2} \w{3} \(\d+ min instead of \d+ min\) is part of Pro: \/pricing#plan-pro\. On Free I can skip it instead/,
    );
    const card = await w.proposals.get(free.a.id, data.proposalId);
    expect(card).toMatchObject({ status: 'proposed', actions: [{ kind: 'skip', workoutId: next.id }] });
    expect(card.reason).toMatch(/part of Pro; on Free it can be skipped instead/);
    const minutes = Math.round(next.durationSec / 60);
    expect(r.facts).toContainEqual({ label: `${next.title} on ${next.date}: planned duration`, value: minutes, unit: 'min' });
    expect(r.facts.find((f) => f.label.endsWith('duration with the change (Pro)'))!.value).toBeLessThan(minutes);
    // What it says has its numbers behind it.
    expect(checkClaims(data.instead, [r], 'make it easier').check.unmatched).toEqual([]);
    expect(await rows(h, free.plan.id)).toEqual(free.workouts);
    // Moving has no Free counterpart: refused, saying so with the link.
    const move = await propose!
      .run(ctx, propose!.input.parse(input([{ kind: 'swap_days', workoutId: free.open[1]!.id, otherWorkoutId: free.open[2]!.id }])))
      .catch((e: unknown) => e);
    expect((move as AppError).message).toMatch(/part of Pro \(upgrade: \/pricing#plan-pro\); on this plan only skip and restore/);

    const pro = await proposer(h, w);
    const proCtx = { ...ctx, athlete: pro.a, today: pro.today };
    const asked = await propose!.run(
      proCtx,
      propose!.input.parse(input([{ kind: 'adjust_load', workoutId: pro.open[0]!.id, percent: -20 }])),
    );
    expect(asked.data).toEqual({ proposalId: expect.any(String) });
    expect((await w.proposals.get(pro.a.id, (asked.data as { proposalId: string }).proposalId)).actions).toEqual([
      { kind: 'adjust_load', workoutId: pro.open[0]!.id, percent: -20 },
    ]);
  });

  it('a Free athlete’s skip-only proposal applies, and its undo needs no Pro either', async () => {
    const h = Harness.init();
    const w = proposalWorld(h);
    const x = await proposer(h, w, 'free');
    const skips = x.open.slice(0, 2).map((r) => ({ kind: 'skip' as const, workoutId: r.id }));
    const p = await w.proposals.propose(x.a, input(skips), noChat);
    const applied = await w.proposals.confirm(x.viewer, p.id);
    expect(applied.status).toBe('applied');
    expect(
      (await rows(h, x.plan.id))
        .filter((r) => r.skipped)
        .map((r) => r.id)
        .sort(),
    ).toEqual(skips.map((s) => s.workoutId).sort());
    await w.control.undo(x.by, x.plan.id, applied.planChangeId!);
    expect(restorable(await rows(h, x.plan.id))).toEqual(restorable(x.workouts));
  });
});
