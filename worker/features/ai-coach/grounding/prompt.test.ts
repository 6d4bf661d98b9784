import { describe, expect, it } from 'vitest';
import { Harness } from '../../../testing/harness';
import { buildActivity } from '../../../testing/factories/activity';
import { analyticsWorld } from '../../../testing/analytics';
import { groundingWorld, NOW } from './grounding-testing';
import { coachContextSummary, type SummaryMemo } from './prompt';

describe('the context summary a CoachSession keeps between turns', () => {
  it('reuses the history part while the data version and day hold, and reads again after either changes', async () => {
    const h = Harness.init();
    const g = await groundingWorld(h);
    const memo: SummaryMemo = { key: null, value: null };
    const ctx = g.ctx();
    const first = await coachContextSummary(g.deps, ctx, memo);
    expect(memo.key).toContain(`|${ctx.athlete.version}|${ctx.today}`);

    // A new file activity: until the athlete's version moves, the kept summary is what the turn sees.
    await analyticsWorld(h.db, NOW).activities.ingest(
      g.athlete.id,
      buildActivity({ source: 'fit_upload', startTime: new Date(`${ctx.today}T06:00:00Z`), localStartDate: ctx.today, timezone: 'UTC' }),
    );
    expect((await coachContextSummary(g.deps, ctx, memo)).recentActivities).toBe(first.recentActivities);

    const bumped = { ...ctx, athlete: { ...ctx.athlete, version: ctx.athlete.version + 1 } };
    expect((await coachContextSummary(g.deps, bumped, memo)).recentActivities).toBe(first.recentActivities + 1);
    const tomorrow = { ...bumped, today: '2026-11-22' };
    await coachContextSummary(g.deps, tomorrow, memo);
    expect(memo.key).toContain('|2026-11-22');
    // Without a memo nothing is kept: every call reads.
    expect((await coachContextSummary(g.deps, ctx)).recentActivities).toBe(first.recentActivities + 1);
  });
});
