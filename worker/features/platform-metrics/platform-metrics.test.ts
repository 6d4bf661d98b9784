import { describe, expect, it } from 'vitest';
import { Harness, expectErrorShape } from '../../testing/harness';
import type { Body } from '../../testing/bodies';
import { createPlatformMetricsService } from './platform-metrics.service';
import type { PlatformMetrics } from './platform-metrics.schema';
import { metricsWorld } from './platform-metrics.testing';

// Billing and AI figures belong to membership and coach-costs (tested there); here they are stand-ins.
const figures = {
  asOf: '',
  subscribers: { pro: 2, elite: 1, team: 0 },
  trialing: { pro: 1, elite: 0, team: 0 },
  mrrCents: 4500,
  currency: 'usd' as const,
  trials: { startedThisMonth: 2, converted: 1, conversionRate: 0.5 },
  churn: { canceledThisMonth: 0, rate: 0 },
};
const costs = {
  month: '2026-11',
  athletes: [],
  total: { calls: 3, inputTokens: 0, outputTokens: 0, cacheWriteTokens: 0, cacheReadTokens: 0, costNanoUsd: 0, costUsd: 9 },
  revenue: { mrrCents: 4500, basis: 'current_mrr' as const },
  costToRevenue: 0.2,
};

function service(h: Harness, now: Date) {
  return createPlatformMetricsService({
    db: h.db,
    clock: { now: () => now },
    membership: { figures: async () => figures },
    coachCosts: { month: async () => costs },
  });
}

describe('platform metrics', () => {
  it('counts users, activity, sources and coaching from fixtures', async () => {
    const h = Harness.init();
    const now = new Date();
    const w = await metricsWorld(h.db, now);
    const m = await service(h, now).snapshot({ cohort: w.cohort });
    expect(m.users).toEqual({ total: 5, new7: 1, new30: 2, active7: 1, active30: 2, athletes: 3, coaches: 1, operators: 1, demo: 0 });
    expect(m.sources).toEqual({ connections: 1, imports: 3, imports30: 2, importsFailed30: 1 });
    expect(m.coaching).toEqual({ orgs: 1, clients: 2, linkedClients: 1, smsSent30: 2 });
    expect(m.billing.mrrCents).toBe(4500);
    expect(m.aiCoach).toMatchObject({ costUsd: 9, calls: 3, mrrCents: 4500, costToRevenue: 0.2 });
  });

  it('draws 12 weekly or monthly periods, oldest first, ending with the current one', async () => {
    const h = Harness.init();
    const now = new Date();
    const w = await metricsWorld(h.db, now);
    const weekly = await service(h, now).snapshot({ cohort: w.cohort, period: 'week' });
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

    const monthly = await service(h, now).snapshot({ cohort: w.cohort, period: 'month' });
    expect(monthly.series.at(-1)?.start).toBe(`${now.toISOString().slice(0, 7)}-01`);
    expect(sum(monthly.series, 'signups')).toBe(4);
  });

  it('answers ops.read holders as JSON and CSV, and refuses everyone else', async () => {
    const h = Harness.init();
    const ops = await h.userWithRole('admin', ['ops.read']);
    const json = await h.json<Body<typeof PlatformMetrics>>('/api/v1/admin/metrics?period=month', { cookie: ops.cookie });
    expect(json.status).toBe(200);
    expect(json.body.period).toBe('month');
    expect(json.body.users.total).toBeGreaterThanOrEqual(1);
    expect(json.body.series).toHaveLength(12);

    const csv = await h.call('/api/v1/admin/metrics.csv', { cookie: ops.cookie });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="cadence-metrics-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('section,metric,period_start,value');
    expect(lines).toContain(`billing,mrrCents,,${json.body.billing.mrrCents}`);
    expect(lines.filter((l) => l.startsWith('series.week,signups,'))).toHaveLength(12);

    const plainAdmin = await h.userWithRole('admin');
    const athlete = await h.signup();
    for (const cookie of [plainAdmin.cookie, athlete.cookie]) {
      const r = await h.json('/api/v1/admin/metrics', { cookie });
      expect(r.status).toBe(403);
      expectErrorShape(r.body, 'FORBIDDEN');
    }
    expect((await h.call('/api/v1/admin/metrics.csv')).status).toBe(401);
    expect((await h.json('/api/v1/admin/metrics?period=year', { cookie: ops.cookie })).status).toBe(400);
  });
});
