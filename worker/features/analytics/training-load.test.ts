import { and, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { activities, analyticsRebuilds } from '../../db/schema';
import { describe, expect, it } from 'vitest';
import type { ActivityInput } from '../activities';
import { Harness } from '../../testing/harness';
import { buildActivity } from '../../testing/factories/activity';
import { actorFor, analyticsWorld, derivedSnapshot, insertAthlete } from '../../testing/analytics';

const NOW = new Date('2026-11-21T12:00:00Z');
const dayOffset = (n: number) => new Date(NOW.getTime() - n * 86_400_000 - 5 * 3600_000);

describe('daily training totals', () => {
  it('are maintained with every write and deletion', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const a = await insertAthlete(h.db);
    await w.trainingLoad.setThreshold(actorFor(a), 'km', { kind: 'max_hr', value: 190, effectiveFrom: '2000-01-01' });
    const run = buildActivity({ startTime: dayOffset(2), localStartDate: '2026-11-19', movingTimeS: 3600, avgHr: 150 });
    await w.activities.ingest(a.id, run);
    let snap = await derivedSnapshot(h.db, a.id);
    expect(snap.days).toHaveLength(1);
    expect(snap.days[0]).toMatchObject({ day: '2026-11-19', sport: 'run', source: 'strava', moving_s: 3600, count: 1 });
    // hrTSS from the 190 max: LTHR = 0.89·190, resting 60.
    const expected = Math.round(((150 - 60) / (190 * 0.89 - 60)) ** 2 * 1000) / 10;
    expect(Number(snap.loads[0]!.load)).toBeCloseTo(expected, 6);

    // Moving it to another day moves its totals.
    await w.activities.ingest(a.id, { ...run, startTime: dayOffset(1), localStartDate: '2026-11-20' });
    snap = await derivedSnapshot(h.db, a.id);
    expect(snap.days.map((d) => d.day)).toEqual(['2026-11-20']);

    await w.activities.removeOne(a.id, run.source, run.externalId);
    snap = await derivedSnapshot(h.db, a.id);
    expect(snap.days).toEqual([]);
    expect(snap.loads).toEqual([]);
  });

  it('count a two-source effort once, under the canonical row', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const a = await insertAthlete(h.db);
    const strava = buildActivity({ startTime: dayOffset(3), localStartDate: '2026-11-18' });
    await w.activities.ingest(a.id, strava);
    await w.activities.ingest(a.id, { ...strava, source: 'fit_upload', externalId: 'fit-1', detailComplete: true });
    const snap = await derivedSnapshot(h.db, a.id);
    expect(snap.days).toHaveLength(1);
    expect(snap.days[0]).toMatchObject({ source: 'fit_upload', count: 1 });
    await w.activities.removeSource(a.id, 'fit_upload');
    expect((await derivedSnapshot(h.db, a.id)).days[0]).toMatchObject({ source: 'strava', count: 1 });
  });

  it('after any sequence of inserts, updates and deletes equal a full rebuild (property)', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const sports = ['run', 'ride', 'swim', 'walk', 'strength'] as const;
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('insert' as const),
        day: fc.integer({ min: 0, max: 20 }),
        sport: fc.constantFrom(...sports),
        minutes: fc.integer({ min: 10, max: 240 }),
        hr: fc.option(fc.integer({ min: 100, max: 180 })),
      }),
      fc.record({
        kind: fc.constant('update' as const),
        pick: fc.nat(),
        day: fc.integer({ min: 0, max: 20 }),
        minutes: fc.integer({ min: 5, max: 300 }),
      }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat() }),
      // The same effort from a second device: same source, 53 s later, 0.5 % further.
      fc.record({ kind: fc.constant('device' as const), pick: fc.nat() }),
      // "These are different activities" on one of them, then maybe the file imported again.
      fc.record({ kind: fc.constant('split' as const), pick: fc.nat(), reimport: fc.boolean() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const a = await insertAthlete(h.db);
        // Manual thresholds cover every day, so estimates (refreshed only by rebuilds) cannot differ.
        for (const input of [
          { kind: 'max_hr', value: 188 },
          { kind: 'ftp', value: 240 },
          { kind: 'threshold_pace', paceSeconds: 250 },
          { kind: 'css', paceSeconds: 85 },
        ] as const)
          await w.trainingLoad.setThreshold(actorFor(a), 'km', { ...input, effectiveFrom: '2000-01-01' });
        const live: ActivityInput[] = [];
        for (const o of ops) {
          if (o.kind === 'insert') {
            const start = dayOffset(o.day);
            const input = buildActivity({
              sport: o.sport,
              sportOriginal: o.sport,
              startTime: start,
              localStartDate: start.toISOString().slice(0, 10),
              movingTimeS: o.minutes * 60,
              avgHr: o.hr,
              distanceM: o.sport === 'strength' ? 0 : o.minutes * 150,
            });
            await w.activities.ingest(a.id, input);
            live.push(input);
          } else if (live.length > 0) {
            const i = o.pick % live.length;
            const target = live[i]!;
            if (o.kind === 'update') {
              const start = dayOffset(o.day);
              live[i] = { ...target, startTime: start, localStartDate: start.toISOString().slice(0, 10), movingTimeS: o.minutes * 60 };
              await w.activities.ingest(a.id, live[i]!);
            } else if (o.kind === 'delete') {
              await w.activities.removeOne(a.id, target.source, target.externalId);
              live.splice(i, 1);
            } else if (o.kind === 'duplicate') {
              const copy = { ...target, source: 'gpx_upload' as const, externalId: `gpx-${crypto.randomUUID()}`, detailComplete: true };
              await w.activities.ingest(a.id, copy);
              live.push(copy);
            } else if (o.kind === 'device') {
              const copy = {
                ...target,
                externalId: `dev-${crypto.randomUUID()}`,
                startTime: new Date(target.startTime.getTime() + 53_000),
                distanceM: target.distanceM * 1.005,
              };
              await w.activities.ingest(a.id, copy);
              live.push(copy);
            } else {
              const [row] = await h.db
                .select({ id: activities.id })
                .from(activities)
                .where(
                  and(eq(activities.userId, a.id), eq(activities.source, target.source), eq(activities.externalId, target.externalId)),
                );
              await w.activities.split(actorFor(a), row!.id);
              if (o.reimport) {
                live[i] = { ...target, name: `${target.name} again` };
                await w.activities.ingest(a.id, live[i]!);
              }
            }
          }
        }
        // Groups stay well formed: a duplicate points at a canonical row, never at itself, and no group holds a split pair.
        const dangling = await h.db.execute(
          sql`select d.id from activities d left join activities c on c.id = d.duplicate_of
              where d.user_id = ${a.id} and d.duplicate_of is not null and (c.id is null or c.duplicate_of is not null or c.id = d.id)`,
        );
        expect(dangling.rows).toEqual([]);
        const splitTogether = await h.db.execute(
          sql`select 1 from activity_unlinks u
              join activities x on x.user_id = u.user_id and x.source = u.a_source and x.external_id = u.a_external_id
              join activities y on y.user_id = u.user_id and y.source = u.b_source and y.external_id = u.b_external_id
              where u.user_id = ${a.id} and coalesce(x.duplicate_of, x.id) = coalesce(y.duplicate_of, y.id)`,
        );
        expect(splitTogether.rows).toEqual([]);
        const incremental = await derivedSnapshot(h.db, a.id);
        await w.trainingLoad.rebuild(a.id);
        expect(await derivedSnapshot(h.db, a.id)).toEqual(incremental);
      }),
      { numRuns: 12 },
    );
  });
});

describe('thresholds', () => {
  it('a change recomputes exactly the days it governs', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const a = await insertAthlete(h.db);
    await w.trainingLoad.setThreshold(actorFor(a), 'km', { kind: 'ftp', value: 200, effectiveFrom: '2000-01-01' });
    for (const d of [10, 6, 2]) {
      const start = dayOffset(d);
      await w.activities.ingest(
        a.id,
        buildActivity({
          sport: 'ride',
          sportOriginal: 'Ride',
          startTime: start,
          localStartDate: start.toISOString().slice(0, 10),
          movingTimeS: 3600,
          avgPower: 180,
          avgHr: null,
        }),
      );
    }
    const before = await w.analytics.weeks(a, 3);
    const loadsOf = async () => (await derivedSnapshot(h.db, a.id)).days.map((d) => [d.day, Number(d.load)]);
    expect((await loadsOf()).map(([, l]) => l)).toEqual([81, 81, 81]); // 1 h · (180/200)² · 100
    await w.trainingLoad.setThreshold(actorFor(a), 'km', { kind: 'ftp', value: 250, effectiveFrom: '2026-11-14' });
    expect(await loadsOf()).toEqual([
      ['2026-11-11', 81],
      ['2026-11-15', 51.8], // (180/250)² · 100
      ['2026-11-19', 51.8],
    ]);
    const thresholds = await w.analytics.thresholds(a);
    const later = thresholds.find((t) => t.threshold.effectiveFrom === '2026-11-14')!;
    await w.trainingLoad.deleteThreshold(actorFor(a), later.id);
    expect((await loadsOf()).map(([, l]) => l)).toEqual([81, 81, 81]);
    expect(await w.analytics.weeks(a, 3)).toEqual(before);
  });

  it('estimates come from the data with their receipts, and a moved estimate queues a rebuild', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const a = await insertAthlete(h.db);
    const start = dayOffset(4);
    const t = Array.from({ length: 1800 }, (_, i) => i);
    const hr = t.map((i) => (i > 1000 && i < 1020 ? 186 : 150));
    const input = buildActivity({
      startTime: start,
      localStartDate: start.toISOString().slice(0, 10),
      movingTimeS: 1800,
      distanceM: 6000,
      avgHr: 152,
      maxHr: 186,
      detailComplete: true,
      streams: { t, hr, speedCms: t.map(() => 333) },
    });
    const { id } = await w.activities.ingest(a.id, input);
    // No threshold in effect (ADR 065): the run's own best 30 minutes serve, 0.5 h · (3.33/3.33)² · 100, low confidence.
    const own = { load_method: 'rtss', load: '50.000000' };
    expect((await derivedSnapshot(h.db, a.id)).loads[0]).toMatchObject(own);
    const pending = async () => (await h.db.select().from(analyticsRebuilds).where(eq(analyticsRebuilds.userId, a.id))).length;
    expect(await pending()).toBe(1);
    // The athlete's pending rebuild runs now, as after an import (the cron would take it within the minute).
    expect(await w.trainingLoad.settle(a.id)).toBe(true);
    expect(await pending()).toBe(0);
    const thresholds = await w.analytics.thresholds(a);
    const maxHr = thresholds.find((x) => x.threshold.kind === 'max_hr')!.threshold;
    expect(maxHr).toMatchObject({ source: 'estimated', value: 186, receipt: { activityId: id } });
    expect(thresholds.find((x) => x.threshold.kind === 'threshold_pace')!.threshold.value).toBeCloseTo(3.33, 6);
    // Both are dated the Monday after the run (2026-11-23): they rest on it, so they never apply to it.
    expect(maxHr.effectiveFrom).toBe('2026-11-23');
    expect((await derivedSnapshot(h.db, a.id)).loads[0]).toMatchObject(own);
    await w.trainingLoad.rebuild(a.id);
    expect(await pending()).toBe(0);
  });
});
