// Thresholds from the models, by date (ADR 065), through the services and the API: a big ride on day D changes no
// load before the Monday after it (never an effort from the future), ingesting it re-derives the loads it affects,
// the athlete's own value wins, and the model history is the athlete's own.
import { describe, expect, it } from 'vitest';
import { addDays, mondayOf, todayIn } from '../../lib/dates';
import type { Body } from '../../testing/bodies';
import { Harness } from '../../testing/harness';
import { analyticsWorld, derivedSnapshot } from '../../testing/analytics';
import type { ActivityAnalysisResponse } from './analytics.schema';
import type { ThresholdsResponse } from './thresholds.schema';
import type { ModelHistoryResponse } from './curves/curves.schema';
import { powerRide } from './power-ride.testing';

type Analysis = Body<typeof ActivityAnalysisResponse>;
type History = Body<typeof ModelHistoryResponse>;
type Thresholds = Body<typeof ThresholdsResponse>;

// Six weeks ago, a Wednesday: the big ride's day.
const D = addDays(mondayOf(todayIn('UTC', new Date())), -42 + 2);
const nextMonday = addDays(mondayOf(D), 7);

/** Steady rides at 180 W before D, a Thursday ride in D's week, and steady 200 W rides in the weeks after. */
const steady = [
  powerRide(addDays(D, -23), 2400, () => 180, { externalId: 'before-1' }),
  powerRide(addDays(D, -9), 2400, () => 185, { externalId: 'before-2' }),
  powerRide(addDays(D, 1), 3600, () => 200, { externalId: 'same-week' }),
  powerRide(addDays(nextMonday, 1), 3600, () => 200, { externalId: 'after-1' }),
  powerRide(addDays(nextMonday, 15), 3600, () => 200, { externalId: 'after-2' }),
];
/** On D: all out for 3, 8 and 20 minutes with easy riding between, a CP near 280 W. */
const big = powerRide(
  D,
  3600,
  (s) => (s < 600 ? 150 : s < 780 ? 420 : s < 1080 ? 150 : s < 1560 ? 330 : s < 1860 ? 150 : s < 3060 ? 290 : 150),
  { externalId: 'big' },
);

const loadsById = async (h: Harness, userId: string) =>
  new Map((await derivedSnapshot(h.db, userId)).loads.map((r) => [String(r.activity_id), `${r.load_method} ${r.load}`]));

describe('thresholds by date', () => {
  it('never uses an effort from the future: a big ride on D changes no load before the Monday after it, and re-derives those after', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    const ids = new Map<string, string>();
    for (const r of steady) ids.set(r.externalId, (await w.activities.ingest(me.user.id, r)).id);
    await w.trainingLoad.rebuild(me.user.id);
    const without = await loadsById(h, me.user.id);

    // Ingesting the old big ride asks for a rebuild (it is back-filled: estimates dated after it may move).
    const bigId = (await w.activities.ingest(me.user.id, big)).id;
    expect(await w.trainingLoad.settle(me.user.id)).toBe(true);
    const withBig = await loadsById(h, me.user.id);
    for (const key of ['before-1', 'before-2', 'same-week']) expect(withBig.get(ids.get(key)!), key).toBe(without.get(ids.get(key)!));
    for (const key of ['after-1', 'after-2']) expect(withBig.get(ids.get(key)!), key).not.toBe(without.get(ids.get(key)!));
    // A second full rebuild changes nothing: the rebuild is the same computation.
    await w.trainingLoad.rebuild(me.user.id);
    expect(await loadsById(h, me.user.id)).toEqual(withBig);

    // The estimates are dated Mondays, each with what it rests on and its receipt; the model's first is the Monday after D.
    const list = await h.json<Thresholds>('/api/v1/analytics/thresholds', { cookie: me.cookie });
    const ftp = list.body.thresholds.filter((t) => t.kind === 'ftp' && t.source === 'estimated');
    expect(ftp.every((t) => mondayOf(t.effectiveFrom) === t.effectiveFrom)).toBe(true);
    const model = ftp.find((t) => t.effectiveFrom === nextMonday)!;
    // The big ride beats every earlier best: its three separate efforts (3, 8 and 20 min), not the ladder points
    // between them (issue 55); one session, whose windows give no margin of error.
    expect(model.note).toBe(
      `CP from 3 best efforts of 2–20 min (1 ride) in the 90 days before ${nextMonday}, one session: no margin of error`,
    );
    expect(model.receipt?.activityId).toBe(bigId);
    expect(ftp.filter((t) => t.effectiveFrom < nextMonday).every((t) => t.note?.startsWith('95 % of best 20-min power'))).toBe(true);

    // The activity page tells which estimate a later ride used, and that it rests on earlier activities only.
    const after = await h.json<Analysis>(`/api/v1/analytics/activities/${ids.get('after-1')}`, { cookie: me.cookie });
    expect(after.body.loadBasis).toMatchObject({
      kind: 'ftp',
      source: 'estimated',
      effectiveFrom: nextMonday,
      inEffect: `${model.value} W`,
    });

    // The first ride had nothing before it: its own 20 minutes served, said so, at low confidence.
    const first = await h.json<Analysis>(`/api/v1/analytics/activities/${ids.get('before-1')}`, { cookie: me.cookie });
    expect(first.body).toMatchObject({
      method: 'power_tss',
      confidence: 'low',
      loadBasis: { kind: 'ftp', inEffect: null, used: '171 W', source: 'activity', raisedBy: 'best_20min' },
    });
    expect(first.body.loadBasis!.notes.join(' ')).toMatch(/No threshold was in effect on this day.*own best 20 minutes \(180 W\)/);
  });

  it('the athlete’s own value wins over the estimates from its date until their next one', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    const ids = new Map<string, string>();
    for (const r of [...steady, big]) ids.set(r.externalId, (await w.activities.ingest(me.user.id, r)).id);
    await w.trainingLoad.settle(me.user.id);
    const basis = async (key: string) =>
      (await h.json<Analysis>(`/api/v1/analytics/activities/${ids.get(key)}`, { cookie: me.cookie })).body.loadBasis;
    expect(await basis('after-1')).toMatchObject({ source: 'estimated', effectiveFrom: nextMonday });

    const set = await h.json('/api/v1/analytics/thresholds', { body: { kind: 'ftp', value: 250, effectiveFrom: D }, cookie: me.cookie });
    expect(set.status).toBe(200);
    // From D on every ride reads 250 W, the estimates notwithstanding; before D the estimates still serve.
    for (const key of ['big', 'same-week', 'after-1', 'after-2'])
      expect(await basis(key), key).toMatchObject({ source: 'manual', effectiveFrom: D, inEffect: '250 W' });
    expect(await basis('before-2')).toMatchObject({ source: 'estimated' });
    // An hour at a steady 200 W against 250 W: 100 · (200/250)².
    const loads = await loadsById(h, me.user.id);
    expect(loads.get(ids.get('after-2')!)).toBe('power_tss 64.000000');

    // Deleting it puts the estimates back on exactly those days.
    const list = await h.json<Thresholds>('/api/v1/analytics/thresholds', { cookie: me.cookie });
    const manual = list.body.thresholds.find((t) => t.source === 'manual')!;
    expect((await h.json(`/api/v1/analytics/thresholds/${manual.id}`, { method: 'DELETE', cookie: me.cookie })).status).toBe(200);
    expect(await basis('after-1')).toMatchObject({ source: 'estimated', effectiveFrom: nextMonday });
  });

  it('the model history is a point each Monday from the efforts before it, for its owner only', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    for (const r of [...steady, big]) await w.activities.ingest(me.user.id, r);
    const mine = await h.json<History>('/api/v1/analytics/models/history?sport=ride', { cookie: me.cookie });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ units: 'km', sport: 'ride', insufficient: null });
    const points = mine.body.points;
    expect(points.every((p, i) => mondayOf(p.date) === p.date && (i === 0 || addDays(points[i - 1]!.date, 7) === p.date))).toBe(true);
    expect(points[0]).toMatchObject({ basis: 'best_20min', threshold: 171, critical: null });
    const modelled = points.find((p) => p.date === nextMonday)!;
    expect(modelled).toMatchObject({ basis: 'model' });
    expect(modelled.critical!).toBeGreaterThan(250);
    expect(modelled.reserve!).toBeGreaterThan(5000);
    expect(modelled.threshold).toBe(Math.round(modelled.critical!));
    expect(points.filter((p) => p.date < nextMonday).every((p) => p.basis !== 'model')).toBe(true);

    const other = await h.signup();
    const theirs = await h.json<History>('/api/v1/analytics/models/history?sport=ride', { cookie: other.cookie });
    expect(theirs.status).toBe(200);
    expect(theirs.body.points).toEqual([]);
    expect(theirs.body.insufficient).toMatch(/No rides with power yet/);
    expect((await h.json('/api/v1/analytics/models/history?sport=ride')).status).toBe(401);
    expect((await h.json('/api/v1/analytics/models/history?sport=swim', { cookie: me.cookie })).status).toBe(400);
  });
});
