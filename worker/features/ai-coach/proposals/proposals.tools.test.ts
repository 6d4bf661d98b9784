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
