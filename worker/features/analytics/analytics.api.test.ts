import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema';
import type { Body, ErrorBody } from '../../testing/bodies';
import { Harness, expectErrorShape } from '../../testing/harness';
import { giveTier } from '../../testing/scenarios';
import { analyticsWorld } from '../../testing/analytics';
import { addDays } from '../../lib/dates';
import { ATL_K, CTL_K } from './calc/pmc.calc';
import type { AgeGradesResponse, FitnessResponse, InsightsResponse, PersonalBestsResponse, WeeklyVolumeResponse } from './analytics.schema';
import type { RebuildResponse, ThresholdsResponse } from './thresholds.schema';

type Fitness = Body<typeof FitnessResponse>;
type WeeklyVolume = Body<typeof WeeklyVolumeResponse>;

import { athleteWithRuns, runOn, today } from './analytics.testing';

describe('analytics API', () => {
  it('serves the fitness timeline: loads, the exact recurrence, yesterday-based TSB and each day’s activities', async () => {
    const h = Harness.init();
    const me = await athleteWithRuns(h, [
      runOn(5, { movingTimeS: 3600, avgHr: 150 }),
      runOn(2, { movingTimeS: 1800, avgHr: 160, name: 'Tempo' }),
    ]);
    const { status, body } = await h.json<Fitness>('/api/v1/analytics/fitness?days=7', { cookie: me.cookie });
    expect(status).toBe(200);
    expect(body.days).toHaveLength(6); // history starts 5 days ago
    const hr = (avg: number, s: number) => Math.round((s / 3600) * ((avg - 60) / (190 * 0.89 - 60)) ** 2 * 1000) / 10;
    const loads = [hr(150, 3600), 0, 0, hr(160, 1800), 0, 0];
    expect(body.days.map((d) => d.load)).toEqual(loads);
    let ctl = 0;
    let atl = 0;
    for (const [i, l] of loads.entries()) {
      expect(body.days[i]!.tsb).toBeCloseTo(Math.round((ctl - atl) * 10) / 10, 6);
      ctl = l * CTL_K + ctl * (1 - CTL_K);
      atl = l * ATL_K + atl * (1 - ATL_K);
      expect(body.days[i]!.ctl).toBeCloseTo(Math.round(ctl * 10) / 10, 6);
    }
    expect(body.days[3]!.activities).toMatchObject([
      { activityId: me.ids[1], name: 'Tempo', values: { load: Math.round(loads[3]!), method: 'hr_tss' } },
    ]);
    // Two runs in six days: the numbers, but no form label yet (ADR 044).
    expect(body.current).toMatchObject({ ctl: Math.round(ctl * 10) / 10, form: null, establishing: { daysMore: 50, trainingDays: 2 } });
  });

  it('never serves a cached answer after the data or the settings changed', async () => {
    const h = Harness.init();
    const me = await athleteWithRuns(h, [runOn(4, { distanceM: 10_000 })]);
    const read = async () => (await h.json<WeeklyVolume>('/api/v1/analytics/weekly-volume?weeks=2', { cookie: me.cookie })).body;
    const total = (b: WeeklyVolume) => b.weeks.reduce((s, w) => s + w.total.count, 0);
    expect(total(await read())).toBe(1);
    expect(total(await read())).toBe(1); // served from the cache
    await me.w.activities.ingest(me.user.id, runOn(1, { distanceM: 8000 }));
    expect(total(await read())).toBe(2);
    const patch = await h.json('/api/v1/me', { method: 'PATCH', body: { units: 'mi' }, cookie: me.cookie });
    expect(patch.status).toBe(200);
    const miles = await read();
    expect(miles.units).toBe('mi');
    expect(miles.weeks.reduce((s, w) => s + w.total.distance, 0)).toBeCloseTo(18_000 / 1609.344, 3);
    const loadOf = (b: WeeklyVolume) => b.weeks.reduce((s, w) => s + w.total.load, 0);
    const before = loadOf(miles);
    // A higher max HR lowers the heart-rate load of both runs.
    await h.json('/api/v1/analytics/thresholds', { body: { kind: 'max_hr', value: 200, effectiveFrom: '2000-01-01' }, cookie: me.cookie });
    const loads = loadOf(await read());
    expect(loads).toBeGreaterThan(0);
    expect(loads).toBeLessThan(before);
    const fresh = await h.json<Fitness>('/api/v1/analytics/fitness?days=10', { cookie: me.cookie });
    expect(fresh.body.days.reduce((s, d) => s + d.load, 0)).toBeCloseTo(loads, 0);
  });

  it('validates query parameters (400 in the error shape) and caps huge ranges', async () => {
    const h = Harness.init();
    const me = await h.signup();
    for (const path of [
      '/api/v1/analytics/fitness?days=abc',
      '/api/v1/analytics/fitness?days=0',
      '/api/v1/analytics/weekly-volume?weeks=-3',
      '/api/v1/analytics/heatmap?year=1800',
      '/api/v1/analytics/efficiency?weeks=1.5',
    ]) {
      const { status, body } = await h.json(path, { cookie: me.cookie });
      expect(status, path).toBe(400);
      expectErrorShape(body, 'VALIDATION');
    }
    const weeks = await h.json<WeeklyVolume>('/api/v1/analytics/weekly-volume?weeks=100000', { cookie: me.cookie });
    expect(weeks.status).toBe(200);
    expect(weeks.body.weeks).toHaveLength(520);
    expect((await h.json('/api/v1/analytics/fitness', {})).status).toBe(401);
  });

  it('answers in the athlete’s units', async () => {
    const h = Harness.init();
    const me = await athleteWithRuns(h, [runOn(1, { distanceM: 16093.44 })]);
    await h.db.update(users).set({ units: 'mi' }).where(eq(users.id, me.user.id));
    const { body } = await h.json<WeeklyVolume>('/api/v1/analytics/weekly-volume?weeks=2', { cookie: me.cookie });
    expect(body.units).toBe('mi');
    const total = body.weeks.reduce((s, w) => s + w.total.distance, 0);
    expect(total).toBeCloseTo(10, 6);
  });

  it('keeps every athlete to their own data', async () => {
    const h = Harness.init();
    const owner = await athleteWithRuns(h, [runOn(3)]);
    const other = await h.signup();
    const mine = await h.json<Fitness>('/api/v1/analytics/fitness', { cookie: owner.cookie });
    expect(mine.body.days.length).toBeGreaterThan(0);
    const theirs = await h.json<Fitness>('/api/v1/analytics/fitness', { cookie: other.cookie });
    expect(theirs.body).toMatchObject({ days: [], current: null });
    expect((await h.json(`/api/v1/analytics/activities/${owner.ids[0]}`, { cookie: other.cookie })).status).toBe(404);
    expect((await h.json(`/api/v1/analytics/activities/${owner.ids[0]}`, { cookie: owner.cookie })).status).toBe(200);
    const thresholds = await h.json<Body<typeof ThresholdsResponse>>('/api/v1/analytics/thresholds', { cookie: owner.cookie });
    const id = thresholds.body.thresholds.find((t) => t.source === 'manual')!.id;
    const del = await h.json(`/api/v1/analytics/thresholds/${id}`, { method: 'DELETE', cookie: other.cookie });
    expect(del.status).toBe(404);
    expectErrorShape(del.body, 'NOT_FOUND');
    await giveTier(h, other.user.id, 'pro'); // exports are a Pro feature
    const csv = await (await h.call('/api/v1/exports/activities.csv', { cookie: other.cookie })).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1);
  });

  it('sets and removes thresholds with clear errors, audited', async () => {
    const h = Harness.init();
    const me = await h.signup();
    // Some bodies are deliberately invalid; answers are errors unless the call says otherwise.
    const post = <T = ErrorBody>(body: Record<string, unknown>) => h.json<T>('/api/v1/analytics/thresholds', { body, cookie: me.cookie });
    const tooHigh = await post({ kind: 'ftp', value: 5000, effectiveFrom: '2026-01-01' });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error.fields).toEqual([{ path: 'value', message: expect.stringContaining('between') }]);
    expect((await post({ kind: 'threshold_pace', value: 4, effectiveFrom: '2026-01-01' })).body.error.fields![0]!.path).toBe('paceSeconds');
    expect((await post({ kind: 'ftp', value: 250, effectiveFrom: 'yesterday' })).status).toBe(400);
    expect((await post({ kind: 'watts', value: 250, effectiveFrom: '2026-01-01' })).status).toBe(400);
    const ok = await post<Body<typeof ThresholdsResponse>>({ kind: 'threshold_pace', paceSeconds: 270, effectiveFrom: '2026-01-01' });
    expect(ok.status).toBe(200);
    const pace = ok.body.thresholds.find((t) => t.kind === 'threshold_pace')!;
    expect(pace).toMatchObject({ source: 'manual', display: '4:30 /km', effectiveFrom: '2026-01-01' });
    expect(pace.value).toBeCloseTo(1000 / 270, 4);
    expect((await h.json(`/api/v1/analytics/thresholds/${pace.id}`, { method: 'DELETE', cookie: me.cookie })).status).toBe(200);
    expect((await h.json(`/api/v1/analytics/thresholds/${pace.id}`, { method: 'DELETE', cookie: me.cookie })).status).toBe(404);
    const actions = (await h.auditFor('user', me.user.id)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['threshold.set', 'threshold.deleted']));
  });

  it('exports activities with load and the fitness timeline as CSV, formula-safe', async () => {
    const h = Harness.init();
    const me = await athleteWithRuns(h, [runOn(2, { name: '=HYPERLINK("x")' }), runOn(1, { name: 'Easy, then "strides"' })]);
    await giveTier(h, me.user.id, 'pro'); // exports are a Pro feature
    const res = await h.call('/api/v1/exports/activities.csv', { cookie: me.cookie });
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toContain('distance_km');
    expect(lines[0]).toContain('load_method');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[2]).toContain('"Easy, then ""strides"""');
    expect(lines[2]).toContain('hr_tss');
    const fitness = (await (await h.call('/api/v1/exports/fitness.csv', { cookie: me.cookie })).text()).trim().split('\r\n');
    expect(fitness[0]).toBe('date,load,ctl,atl,tsb');
    expect(fitness).toHaveLength(4);
    const anon = await h.json('/api/v1/exports/fitness.csv', {});
    expect(anon.status).toBe(401);
  });

  it('reports insights with their minimum samples, and documents every endpoint', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const { body } = await h.json<Body<typeof InsightsResponse>>('/api/v1/analytics/insights', { cookie: me.cookie });
    expect(body.insights.length).toBeGreaterThan(0);
    for (const i of body.insights) {
      expect(i.status).toBe('insufficient');
      expect(i.receipts).toEqual([]);
      expect(i.minSample.required).toBeGreaterThan(i.minSample.actual);
    }
    const doc = await h.json<{ paths: Record<string, unknown> }>('/api/openapi.json');
    for (const p of [
      'fitness',
      'weekly-volume',
      'sport-distribution',
      'heatmap',
      'personal-bests',
      'age-grades',
      'efficiency',
      'insights',
      'thresholds',
    ])
      expect(Object.keys(doc.body.paths)).toContain(`/api/v1/analytics/${p}`);
  });
});

describe('personal bests, age grades and the data-use policy', () => {
  it('takes provider best efforts, grades them by age on the day, and links each PB to its activity', async () => {
    const h = Harness.init();
    const me = await h.signup();
    await h.db.update(users).set({ birthDate: '1970-06-15', sex: 'female' }).where(eq(users.id, me.user.id));
    const w = analyticsWorld(h.db);
    const race = runOn(20, {
      name: 'Parkrun',
      distanceM: 5050,
      movingTimeS: 1290,
      detailComplete: true,
      bestEfforts: [{ name: '5k', distanceM: 5000, elapsedS: 1275 }],
    });
    const { id } = await w.activities.ingest(me.user.id, race);
    const slower = runOn(10, { distanceM: 5000, movingTimeS: 1400 }); // whole-activity 5 km, slower
    await w.activities.ingest(me.user.id, slower);
    const { body } = await h.json<Body<typeof PersonalBestsResponse>>('/api/v1/analytics/personal-bests', { cookie: me.cookie });
    const fiveK = body.run.find((r) => r.distanceM === 5000)!;
    expect(fiveK.allTime).toMatchObject({ timeS: 1275, receipt: { activityId: id, name: 'Parkrun' } });
    // Age on the day of the race; the standard is the 5 km column of the female table.
    const day = addDays(today(), -20);
    const age = Number(day.slice(0, 4)) - 1970 - (day.slice(5) < '06-15' ? 1 : 0);
    const { WMA_ROAD_2025 } = await import('./calc/wma-road-2025.data');
    const col = WMA_ROAD_2025.female.distancesKm.indexOf(5);
    const standard = WMA_ROAD_2025.female.openStandardS[col]! / WMA_ROAD_2025.female.factors[age]![col]!;
    expect(fiveK.allTime!.ageGradePct).toBeCloseTo(Math.round((standard / 1275) * 1000) / 10, 6);
    const grades = await h.json<Body<typeof AgeGradesResponse>>('/api/v1/analytics/age-grades', { cookie: me.cookie });
    expect(grades.body.missing).toEqual([]);
    expect(grades.body.bestByYear.at(-1)!.ageGradePct).toBe(fiveK.allTime!.ageGradePct);
  });

  it('says what is missing instead of grading without birth date and sex', async () => {
    const h = Harness.init();
    const me = await athleteWithRuns(h, [runOn(3)]);
    const { body } = await h.json<Body<typeof AgeGradesResponse>>('/api/v1/analytics/age-grades', { cookie: me.cookie });
    expect(body).toMatchObject({ missing: ['birth_date', 'sex'], performances: [], bestByYear: [] });
  });

  it('shows Strava-sourced receipts and totals to the owner only', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    await w.activities.ingest(me.user.id, runOn(4, { source: 'strava', name: 'From Strava' }));
    await w.activities.ingest(me.user.id, runOn(3, { source: 'fit_upload', externalId: 'fit-own', name: 'From my watch' }));
    const athlete = { id: me.user.id, units: 'km' as const, timeZone: 'UTC', birthDate: null, sex: null, version: 0 };
    const names = async (use: 'analytics' | 'coach') =>
      (await w.analytics.fitnessTimeline(athlete, 30, use)).days.flatMap((d) => d.activities.map((a) => a.name));
    expect(await names('analytics')).toEqual(['From Strava', 'From my watch']);
    expect(await names('coach')).toEqual(['From my watch']);
    const weeks = await w.analytics.weeks(athlete, 2, 'coach');
    expect(weeks.reduce((s, x) => s + x.total.count, 0)).toBe(1);
    const insights = await w.analytics.insights(athlete, 'coach');
    expect(insights.flatMap((i) => i.receipts.map((r) => r.name))).not.toContain('From Strava');
  });
});

describe('analytics rebuild (operators)', () => {
  it('needs the permission, rebuilds one athlete now or queues everyone, audited', async () => {
    const h = Harness.init();
    const athlete = await athleteWithRuns(h, [runOn(2), runOn(1)]);
    const admin = await h.userWithRole('admin');
    const ops = await h.userWithRole('admin', ['system.analytics_rebuild']);
    const body = { userId: athlete.user.id };
    expect((await h.json('/api/v1/admin/analytics/rebuild', { body, cookie: athlete.cookie })).status).toBe(403);
    expect((await h.json('/api/v1/admin/analytics/rebuild', { body, cookie: admin.cookie })).status).toBe(403);
    const bad = await h.json('/api/v1/admin/analytics/rebuild', { body: {}, cookie: ops.cookie });
    expect(bad.status).toBe(400);
    expectErrorShape(bad.body, 'VALIDATION');
    const missing = await h.json('/api/v1/admin/analytics/rebuild', { body: { userId: crypto.randomUUID() }, cookie: ops.cookie });
    expect(missing.status).toBe(404);
    const done = await h.json<Body<typeof RebuildResponse>>('/api/v1/admin/analytics/rebuild', { body, cookie: ops.cookie });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ activities: 2, durationMs: expect.any(Number) });
    const all = await h.json<Body<typeof RebuildResponse>>('/api/v1/admin/analytics/rebuild', { body: { all: true }, cookie: ops.cookie });
    expect(all.status).toBe(200);
    expect(all.body.queued).toBeGreaterThanOrEqual(0);
    expect((await h.auditForActions(ops.id, 'analytics.rebuild')).map((a) => a.targetId)).toEqual([athlete.user.id]);
    expect(await h.auditForActions(ops.id, 'analytics.rebuild_all')).toHaveLength(1);
  });
});
