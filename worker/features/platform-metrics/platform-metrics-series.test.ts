import { describe, expect, it } from 'vitest';
import { Harness } from '../../testing/harness';
import { metricsService, metricsWorld } from './platform-metrics.testing';

// Whole-platform series over this file's database: the test's world is all there is (a file of its own).
describe('platform metrics', () => {
  it('draws 12 weekly or monthly periods, oldest first, ending with the current one', async () => {
    const h = Harness.init();
    const now = new Date();
    await metricsWorld(h.db, now);
    const weekly = await metricsService(h, now).snapshot({ period: 'week' });
    expect(weekly.series).toHaveLength(12);
    const sum = (s: typeof weekly.series, k: 'signups' | 'connections' | 'imports' | 'smsSent' | 'aiCostUsd') =>
      s.reduce((t, p) => t + p[k], 0);
    // 12 weeks reach back 77–83 days: the 90- and 400-day-old users fall outside.
    expect(sum(weekly.series, 'signups')).toBe(3);
    expect(sum(weekly.series, 'imports')).toBe(3);
    expect(sum(weekly.series, 'smsSent')).toBe(3);
    expect(sum(weekly.series, 'connections')).toBe(1);
    expect(sum(weekly.series, 'aiCostUsd')).toBeCloseTo(2.5);
    const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7)));
    expect(weekly.series.at(-1)?.start).toBe(monday.toISOString().slice(0, 10));

    const monthly = await metricsService(h, now).snapshot({ period: 'month' });
    expect(monthly.series.at(-1)?.start).toBe(`${now.toISOString().slice(0, 7)}-01`);
    expect(sum(monthly.series, 'signups')).toBe(4);
  });
});
