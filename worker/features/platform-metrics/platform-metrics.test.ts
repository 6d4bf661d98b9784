import { describe, expect, it } from 'vitest';
import { Harness, expectErrorShape } from '../../testing/harness';
import type { Body } from '../../testing/bodies';
import type { PlatformMetrics } from './platform-metrics.schema';
import { metricsService, metricsWorld } from './platform-metrics.testing';

// Whole-platform counts: this file's database holds the world of the first test alone when it counts.
describe('platform metrics', () => {
  it('counts users, activity, sources and coaching from fixtures', async () => {
    const h = Harness.init();
    const now = new Date();
    await metricsWorld(h.db, now);
    const m = await metricsService(h, now).snapshot();
    expect(m.users).toEqual({ total: 5, new7: 1, new30: 2, active7: 1, active30: 2, athletes: 3, coaches: 1, operators: 1, demo: 0 });
    expect(m.sources).toEqual({ connections: 1, imports: 3, imports30: 2, importsFailed30: 1 });
    expect(m.coaching).toEqual({ orgs: 1, clients: 2, linkedClients: 1, smsSent30: 2 });
    expect(m.billing.mrrCents).toBe(4500);
    expect(m.aiCoach).toMatchObject({ costUsd: 9, calls: 3, mrrCents: 4500, costToRevenue: 0.2 });
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
