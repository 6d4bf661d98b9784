import { describe, expect, it } from 'vitest';
import { PB_MIN_EFFORTS, pbMilestoneInsights } from './pb-milestone.insight';
import { buildInputs, FORBIDDEN_TONE, pbEvent } from './testing.fixtures';

describe('pb_milestone', () => {
  it('skips a first-ever effort (no previous best) and reports one with a previous best', () => {
    expect(PB_MIN_EFFORTS).toBe(2);
    const first = pbEvent({ date: '2026-11-02', previousBestS: null, previousDate: null });
    expect(pbMilestoneInsights(buildInputs({ pbEvents: [first] }))).toEqual([]);

    const second = pbEvent({ date: '2026-11-02' });
    const out = pbMilestoneInsights(buildInputs({ pbEvents: [second] }));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ status: 'ok', minSample: { required: 2, actual: 12, unit: 'efforts at this distance' } });
  });

  it('reports time, previous best, improvement and age grade', () => {
    const e = pbEvent({
      date: '2026-11-02',
      timeS: 41 * 60 + 32,
      previousBestS: 42 * 60 + 10,
      previousDate: '2025-10-12',
      ageGradePct: 68.4,
    });
    const [out] = pbMilestoneInsights(buildInputs({ pbEvents: [e] }));
    expect(out!.numbers).toEqual({ timeS: 2_492, previousBestS: 2_530, improvementS: 2_530 - 2_492, ageGradePct: 68.4 });
    expect(out!.tone).toBe('positive');
    expect(out!.title).toBe('New 10 km best');
    expect(out!.finding).toBe(
      'New 10 km best: 41:32 on 2 Nov 2026, 38 s faster than your previous best from 12 Oct 2025; age grade 68.4 %.',
    );
    expect(out!.id).toBe('pb_milestone:2026-11-02:2026-11-02:10000');
    expect(out!.window).toEqual({ from: '2026-11-02', to: '2026-11-02' });
    expect(out!.finding).not.toMatch(FORBIDDEN_TONE);
  });

  it('omits the age-grade clause when there is none, and writes gaps over a minute in minutes', () => {
    const e = pbEvent({
      date: '2026-11-10',
      distanceM: 21_097,
      label: 'half marathon',
      timeS: 1 * 3600 + 35 * 60 + 3,
      previousBestS: 1 * 3600 + 36 * 60 + 8,
      previousDate: null,
      ageGradePct: null,
    });
    const [out] = pbMilestoneInsights(buildInputs({ pbEvents: [e] }));
    expect(out!.numbers).toEqual({ timeS: 5_703, previousBestS: 5_768, improvementS: 65 });
    expect(out!.finding).toBe('New half marathon best: 1:35:03 on 10 Nov 2026, 1 min 05 s faster than your previous best.');
    expect(out!.id).toBe('pb_milestone:2026-11-10:2026-11-10:21097');
  });

  it("receipts are exactly the PB's activity, one insight per event", () => {
    const a = pbEvent({ date: '2026-11-02' });
    const b = pbEvent({ date: '2026-11-09', distanceM: 5_000, label: '5 km', timeS: 1_190, previousBestS: 1_200 });
    const out = pbMilestoneInsights(buildInputs({ pbEvents: [a, b] }));
    expect(out.map((i) => i.receipts.map((r) => r.activityId))).toEqual([[a.receipt.activityId], [b.receipt.activityId]]);
    expect(out[1]!.receipts[0]!.values).toMatchObject({ distanceM: 5_000, timeS: 1_190 });
  });

  it('ignores an event that is not faster than the previous best', () => {
    const tie = pbEvent({ date: '2026-11-02', timeS: 2_530, previousBestS: 2_530 });
    expect(pbMilestoneInsights(buildInputs({ pbEvents: [tie] }))).toEqual([]);
  });
});
