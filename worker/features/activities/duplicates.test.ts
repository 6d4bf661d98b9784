import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { ActivityInput } from './activity.types';
import { isSameEffort, overlapShare } from './dedup';
import { Harness, expectErrorShape } from '../../testing/harness';
import { buildActivity } from '../../testing/factories/activity';
import { actorFor, analyticsWorld, derivedSnapshot, insertAthlete } from '../../testing/analytics';
import type { Db } from '../../db/client';

const NOW = new Date('2026-11-21T12:00:00Z');
const T0 = new Date('2026-11-18T07:00:00Z');

/** A two-hour ride from a bike computer's FIT file. */
const ride = (overrides: Partial<ActivityInput> = {}) =>
  buildActivity({
    source: 'fit_upload',
    externalId: `fit-${crypto.randomUUID()}`,
    sport: 'ride',
    sportOriginal: 'cycling',
    name: 'Morning Ride',
    startTime: T0,
    localStartDate: '2026-11-18',
    movingTimeS: 6900,
    elapsedTimeS: 7200,
    distanceM: 60_000,
    avgHr: 140,
    detailComplete: true,
    ...overrides,
  });

/** The same ride from the watch: started 53 s later, 0.5 % further, its own file. */
const watchCopy = (a: ActivityInput): ActivityInput => ({
  ...a,
  externalId: `fit-${crypto.randomUUID()}`,
  name: 'Cycling',
  startTime: new Date(a.startTime.getTime() + 53_000),
  elapsedTimeS: a.elapsedTimeS - 40,
  distanceM: a.distanceM * 1.005,
});

async function dayCount(db: Db, userId: string, day = '2026-11-18'): Promise<number> {
  const r = await db.execute(sql`select coalesce(sum(count), 0)::int as n from training_days where user_id = ${userId} and day = ${day}`);
  return Number((r.rows[0] as { n: number }).n);
}

async function idOf(db: Db, userId: string, a: ActivityInput): Promise<string> {
  const r = await db.execute(
    sql`select id from activities where user_id = ${userId} and source = ${a.source} and external_id = ${a.externalId}`,
  );
  return (r.rows[0] as { id: string }).id;
}

/** Manual thresholds on every day, so a rebuild cannot differ by refreshed estimates (as in the analytics property test). */
async function fixThresholds(w: ReturnType<typeof analyticsWorld>, userId: string) {
  for (const input of [
    { kind: 'max_hr', value: 188 },
    { kind: 'ftp', value: 240 },
    { kind: 'threshold_pace', paceSeconds: 250 },
  ] as const)
    await w.trainingLoad.setThreshold(actorFor({ id: userId }), 'km', { ...input, effectiveFrom: '2000-01-01' });
}

/** Incremental daily totals must equal a rebuild from the rows. */
async function expectRebuildEqual(w: ReturnType<typeof analyticsWorld>, db: Db, userId: string) {
  const incremental = await derivedSnapshot(db, userId);
  await w.trainingLoad.rebuild(userId);
  expect(await derivedSnapshot(db, userId)).toEqual(incremental);
}

describe('the overlap rule', () => {
  const at = (min: number, s: number, extra: Partial<ActivityInput> = {}) => ({
    sport: 'run' as const,
    startTime: new Date(T0.getTime() + min * 60_000),
    elapsedTimeS: s,
    distanceM: 10_000,
    ...extra,
  });

  it('links recordings sharing most of the shorter one’s time', () => {
    expect(overlapShare(at(0, 3600), at(3, 3420))).toBe(1);
    expect(isSameEffort(at(0, 7200, { sport: 'ride' }), at(3, 7000, { sport: 'ride', distanceM: 10_200 }))).toBe(true);
    // A watch started 6 min late and stopped 2 min early on an hour: 52 of 60 min shared.
    expect(isSameEffort(at(0, 3600), at(6, 3120))).toBe(true);
  });

  it('does not link back-to-back, half-overlapping or different efforts', () => {
    expect(isSameEffort(at(0, 3000), at(50, 3000))).toBe(false); // back to back
    expect(isSameEffort(at(0, 3000), at(25, 3000))).toBe(false); // half their time
    expect(isSameEffort(at(0, 3000), at(1, 3000, { distanceM: 10_400 }))).toBe(false); // 4 % further
    expect(isSameEffort(at(0, 3000), at(0, 3000, { sport: 'ride' }))).toBe(false);
    expect(isSameEffort(at(0, 3000), at(0, 3000, { sport: 'hike' }))).toBe(true); // one family
  });

  it('matches efforts without distance on duration, and records without elapsed time on their start', () => {
    expect(isSameEffort(at(0, 2700, { sport: 'strength', distanceM: 0 }), at(1, 2640, { sport: 'strength', distanceM: 0 }))).toBe(true);
    expect(isSameEffort(at(0, 2700, { sport: 'strength', distanceM: 0 }), at(1, 1800, { sport: 'strength', distanceM: 0 }))).toBe(false);
    expect(isSameEffort(at(0, 0), at(0.5, 0))).toBe(true);
  });
});

describe('duplicates across devices', () => {
  it('two FIT files of one ride, 53 s and 0.5 % apart, are one activity counted once', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const { user, cookie } = await h.signup();
    await fixThresholds(w, user.id);
    const bike = ride();
    const watch = watchCopy(bike);
    const first = await w.activities.ingest(user.id, bike);
    const second = await w.activities.ingest(user.id, watch);
    expect(await w.activities.count(user.id)).toBe(1);
    expect((await w.activities.list(user.id, 'owner')).map((a) => a.id)).toEqual([first.id]);
    expect(await dayCount(h.db, user.id)).toBe(1);
    await expectRebuildEqual(w, h.db, user.id);

    const detail = await h.json<{ duplicateOf: string | null; linkedCopies: { id: string; source: string; canonical: boolean }[] }>(
      `/api/v1/activities/${second.id}`,
      { cookie },
    );
    expect(detail.status).toBe(200);
    expect(detail.body.duplicateOf).toBe(first.id);
    expect(detail.body.linkedCopies).toEqual([expect.objectContaining({ id: first.id, source: 'fit_upload', canonical: true })]);
  });

  it('never links one source’s efforts of different sport families, nor a row with itself', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const a = await insertAthlete(h.db);
    await fixThresholds(w, a.id);
    const bike = ride();
    await w.activities.ingest(a.id, bike);
    await w.activities.ingest(a.id, { ...bike, externalId: 'run-file', sport: 'run', sportOriginal: 'running' });
    expect(await w.activities.count(a.id)).toBe(2);
    // Re-ingesting a changed row regroups it without ever pointing it at itself.
    const again = await w.activities.ingest(a.id, { ...bike, name: 'Renamed' });
    expect((await w.activities.get(a.id, again.id))?.duplicateOf).toBeNull();
    expect(await dayCount(h.db, a.id)).toBe(2);
  });

  it('keeps legs of one multisport file apart, while a leg still links to its Strava copy', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const a = await insertAthlete(h.db);
    await fixThresholds(w, a.id);
    const leg1 = ride({ multisportGroup: 'tri-file', externalId: 'tri-file#1' });
    const leg2 = { ...leg1, externalId: 'tri-file#2', startTime: new Date(T0.getTime() + 30_000) };
    await w.activities.ingest(a.id, leg1);
    await w.activities.ingest(a.id, leg2);
    expect(await w.activities.count(a.id)).toBe(2);
    await w.activities.ingest(a.id, { ...leg1, source: 'strava', externalId: '991', multisportGroup: null, detailComplete: false });
    expect(await w.activities.count(a.id)).toBe(2);
  });
});

describe('splitting a wrong link', () => {
  it('counts both from then on, through re-imports, a delete and re-import, and a Strava re-sync', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const { user, cookie } = await h.signup();
    await fixThresholds(w, user.id);
    const morning = ride();
    // Two rides together, on two devices, that the rule takes for one.
    const other = watchCopy(morning);
    await w.activities.ingest(user.id, morning);
    const b = await w.activities.ingest(user.id, other);
    expect(await w.activities.count(user.id)).toBe(1);

    const split = await h.json<{ detached: number; activity: { duplicateOf: string | null; linkedCopies: unknown[] } }>(
      `/api/v1/activities/${b.id}/split`,
      { method: 'POST', cookie },
    );
    expect(split.status).toBe(200);
    expect(split.body).toMatchObject({ detached: 1, activity: { duplicateOf: null, linkedCopies: [] } });
    expect(await w.activities.count(user.id)).toBe(2);
    expect(await dayCount(h.db, user.id)).toBe(2);
    await expectRebuildEqual(w, h.db, user.id);
    expect((await h.auditForActions(user.id, 'activity.split')).map((x) => x.targetId)).toEqual([b.id]);
    // Splitting again changes nothing.
    expect((await h.json(`/api/v1/activities/${b.id}/split`, { method: 'POST', cookie })).body).toMatchObject({ detached: 0 });

    // Either file imported again (changed or not), alone or in a bulk import.
    await w.activities.ingest(user.id, { ...morning, name: 'Edited' });
    await w.activities.ingest(user.id, { ...other, name: 'Edited too' });
    await w.activities.ingest(user.id, other);
    expect(
      await w.activities.ingestMany(user.id, [
        { ...morning, name: 'Bulk' },
        { ...other, name: 'Bulk' },
      ]),
    ).toMatchObject({ linked: 0 });
    expect(await w.activities.count(user.id)).toBe(2);

    // Deleted and imported again: a new row, the same (source, external id), still apart.
    await w.activities.removeOne(user.id, other.source, other.externalId);
    expect(await w.activities.count(user.id)).toBe(1);
    await w.activities.ingest(user.id, other);
    expect(await w.activities.count(user.id)).toBe(2);

    // Strava's copy of the first ride joins that one only; re-synced, it stays there.
    const strava = { ...morning, source: 'strava' as const, externalId: '12345', detailComplete: false };
    await w.activities.ingest(user.id, strava);
    await w.activities.ingest(user.id, { ...strava, name: 'Strava edit' });
    expect(await w.activities.count(user.id)).toBe(2);
    const stravaId = await idOf(h.db, user.id, strava);
    expect((await w.activities.linkedCopies(user.id, stravaId)).map((c) => c.source)).toEqual(['fit_upload']);
    expect(await dayCount(h.db, user.id)).toBe(2);
    await expectRebuildEqual(w, h.db, user.id);
  });

  it('splitting the canonical copy out of three re-elects one for the other two', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const a = await insertAthlete(h.db);
    await fixThresholds(w, a.id);
    const bike = ride();
    const watch = watchCopy(bike);
    const strava = { ...bike, source: 'strava' as const, externalId: '777', detailComplete: false };
    const bikeRow = await w.activities.ingest(a.id, bike);
    const watchRow = await w.activities.ingest(a.id, watch);
    const stravaRow = await w.activities.ingest(a.id, strava);
    expect(await w.activities.count(a.id)).toBe(1);
    expect((await w.activities.linkedCopies(a.id, bikeRow.id)).map((c) => c.id).sort()).toEqual([watchRow.id, stravaRow.id].sort());

    expect(await w.activities.split({ id: a.id, role: 'athlete' }, bikeRow.id)).toEqual({ detached: 2 });
    expect(await w.activities.count(a.id)).toBe(2);
    expect((await w.activities.get(a.id, stravaRow.id))?.duplicateOf).toBe(watchRow.id);
    expect(await w.activities.linkedCopies(a.id, bikeRow.id)).toEqual([]);
    await expectRebuildEqual(w, h.db, a.id);

    // The Strava copy re-synced still may not join the split-off file.
    await w.activities.ingest(a.id, { ...strava, name: 'again' });
    expect((await w.activities.get(a.id, stravaRow.id))?.duplicateOf).toBe(watchRow.id);
    expect(await w.activities.count(a.id)).toBe(2);
  });

  it('is the owner’s only: another athlete’s activity is a 404 and stays linked', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const alice = await h.signup();
    const bob = await h.signup();
    const bike = ride();
    await w.activities.ingest(alice.user.id, bike);
    const copy = await w.activities.ingest(alice.user.id, watchCopy(bike));
    const res = await h.json(`/api/v1/activities/${copy.id}/split`, { method: 'POST', cookie: bob.cookie });
    expect(res.status).toBe(404);
    expectErrorShape(res.body, 'NOT_FOUND');
    expect((await h.call(`/api/v1/activities/${copy.id}/split`, { method: 'POST' })).status).toBe(401);
    expect((await h.call(`/api/v1/activities/not-an-id/split`, { method: 'POST', cookie: alice.cookie })).status).toBe(400);
    expect(await w.activities.count(alice.user.id)).toBe(1);
    expect(await h.auditForActions(bob.user.id, 'activity.split')).toEqual([]);
  });
});

describe('bulk linking', () => {
  it('links two devices in one export, rows across a chunk edge, and rows already stored', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const a = await insertAthlete(h.db);
    await fixThresholds(w, a.id);
    const day = (i: number) => new Date(Date.UTC(2024, 0, 1, 7) + i * 86_400_000);
    const single = (i: number) =>
      buildActivity({
        source: 'garmin_export',
        externalId: `g-${i}`,
        startTime: day(i),
        localStartDate: day(i).toISOString().slice(0, 10),
      });
    // Sorted by start, the pair on day 499 sits at positions 499 and 500: either side of the first chunk of 500.
    const edge = single(499);
    const inputs = [
      ...Array.from({ length: 499 }, (_, i) => single(i)),
      edge,
      watchCopy(edge),
      ...Array.from({ length: 99 }, (_, i) => single(500 + i)),
    ];
    const stored = single(700);
    await w.activities.ingest(a.id, {
      ...stored,
      source: 'strava',
      externalId: 's-700',
      startTime: new Date(stored.startTime.getTime() + 20_000),
    });
    inputs.push(stored);
    const sameExport = ride({
      source: 'garmin_export',
      externalId: 'g-bike',
      startTime: day(650),
      localStartDate: day(650).toISOString().slice(0, 10),
    });
    inputs.push(sameExport, { ...watchCopy(sameExport), source: 'garmin_export' });

    const first = await w.activities.ingestMany(a.id, inputs);
    expect(first).toMatchObject({ created: 603, linked: 3 });
    expect(await w.activities.count(a.id)).toBe(601);
    await expectRebuildEqual(w, h.db, a.id);
    expect(await w.activities.ingestMany(a.id, inputs)).toMatchObject({ unchanged: 603, linked: 0 });
  });
});

describe('the activity page', () => {
  it('lists the other recordings, asks before splitting, splits with a plain form post, and 404s another athlete', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const alice = await h.signup();
    const bob = await h.signup();
    const bike = ride({
      dataQuality: [{ code: 'speed_glitch', message: '14 GPS points ignored: implausible speed', count: 14 }],
      sportInferred: true,
    });
    const first = await w.activities.ingest(alice.user.id, bike);
    const copy = await w.activities.ingest(alice.user.id, watchCopy(bike));

    const page = await (await h.call(`/activities/${first.id}`, { cookie: alice.cookie })).text();
    expect(page).toContain('Also recorded by');
    expect(page).toContain('These are different activities');
    expect(page).toContain('Data quality');
    expect(page).toContain('14 GPS points ignored: implausible speed');
    expect(page).toContain('Sport inferred from speed');
    const confirm = await (await h.call(`/activities/${first.id}?split=confirm`, { cookie: alice.cookie })).text();
    expect(confirm).toContain('Count them as different activities?');
    expect(confirm).toMatch(/<input type="hidden" name="intent" value="split"\/>/);

    const form = () => new URLSearchParams({ intent: 'split' }).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    const other = await h.call(`/activities/${first.id}?split=confirm`, { method: 'POST', body: form(), headers, cookie: bob.cookie });
    expect(other.status).toBe(404);
    expect(await w.activities.count(alice.user.id)).toBe(1);

    const done = await h.call(`/activities/${first.id}?split=confirm`, { method: 'POST', body: form(), headers, cookie: alice.cookie });
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe(`/activities/${first.id}?split=done`);
    expect(await w.activities.count(alice.user.id)).toBe(2);
    expect(await w.activities.linkedCopies(alice.user.id, copy.id)).toEqual([]);
    const after = await (await h.call(`/activities/${first.id}?split=done`, { cookie: alice.cookie })).text();
    expect(after).toContain('Counted as a separate activity from now on.');
    expect(after).not.toContain('Also recorded by');
  });
});
