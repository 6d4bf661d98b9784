import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ActivityInput, policyFor } from '../../activities';
import { createAnalyticsService } from '../analytics.service';
import { Harness } from '../../../testing/harness';
import { analyticsWorld, insertAthlete } from '../../../testing/analytics';
import { addDays } from '../../../lib/dates';
import { powerRide } from '../power-ride.testing';
import { rangeCurve } from './curves.repo';
import { CURVE_DURATIONS } from './mean-max.calc';
import { emptyRange, mergeRanges, type RangeCurve } from './range-curve.calc';

const NOW = new Date('2026-11-21T12:00:00Z');
const TODAY = '2026-11-21';

/** Everything stored of an athlete's curves, in a stable order (values rounded against float noise in JSON). */
async function curvesSnapshot(h: Harness, userId: string) {
  const acts = await h.db.execute(sql`
    select activity_id, kind, sport, source, local_date::text, "values"::text, starts::text, excluded::text
    from activity_curves where user_id = ${userId} order by activity_id, kind`);
  const months = await h.db.execute(sql`
    select kind, sport, source, month::text, "values"::text, activity_ids::text, dates::text, starts::text
    from curve_months where user_id = ${userId} order by kind, sport, source, month`);
  return { acts: acts.rows, months: months.rows };
}

/** A brute-force range: every canonical activity curve of the span, merged. */
async function bruteRange(h: Harness, userId: string, from: string, to: string): Promise<RangeCurve> {
  const rows = await h.db.execute<{ id: string; d: string; values: (number | null)[]; starts: (number | null)[] }>(sql`
    select c.activity_id as id, c.local_date::text as d, c."values", c.starts from activity_curves c join activities a on a.id = c.activity_id
    where c.user_id = ${userId} and c.kind = 'power' and c.sport = 'ride' and a.duplicate_of is null and c.local_date between ${from} and ${to}`);
  return rows.rows.reduce(
    (acc, r) =>
      mergeRanges(
        acc,
        r.values.map((v, i) => (v === null ? null : { value: v, activityId: r.id, date: r.d, startS: r.starts[i]! })),
      ),
    emptyRange(),
  );
}

describe('stored duration curves', () => {
  it('give every point of a range its receipt: the activity, its day, its name and the second the window starts', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const a = await insertAthlete(h.db);
    // A 10-second sprint at 900 W from second 100 in an hour at 200 W.
    const ride = powerRide('2026-11-10', 3600, (s) => (s >= 100 && s < 110 ? 900 : 200), { name: 'Sprint day' });
    const { id } = await w.activities.ingest(a.id, ride);
    const { main } = await w.analytics.curve(a, { kind: 'power', sport: 'ride', range: 'season' });
    expect(main.span).toMatchObject({ from: '2026-01-01', to: TODAY });
    expect(main.points.map((p) => p.durationS)).toEqual(CURVE_DURATIONS.filter((d) => d <= 3600));
    const tenS = main.points.find((p) => p.durationS === 10)!;
    expect(tenS).toEqual({ durationS: 10, value: 900, activityId: id, date: '2026-11-10', startS: 100, name: 'Sprint day' });
    for (const p of main.points) expect(p).toMatchObject({ activityId: id, date: '2026-11-10', name: 'Sprint day' });
  });

  it('leave out points above the human ceiling with the reason kept, and leave with a deleted activity', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const a = await insertAthlete(h.db);
    // A power-meter fault: 6 s at 2,900 W (each sample under the 3,000 W ingest limit), more than any rider holds for 5 s.
    const glitch = powerRide('2026-10-03', 1200, (s) => (s >= 50 && s < 56 ? 2900 : 250));
    const { id } = await w.activities.ingest(a.id, glitch);
    const [row] = (
      await h.db.execute<{ values: (number | null)[]; excluded: { durationS: number; reason: string; ref: number }[] }>(
        sql`select "values", excluded from activity_curves where activity_id = ${id} and kind = 'power'`,
      )
    ).rows;
    const at = (d: number) => CURVE_DURATIONS.indexOf(d);
    expect(row!.values[at(1)]).toBe(2900);
    expect(row!.values[at(5)]).toBeNull();
    expect(row!.excluded.find((e) => e.durationS === 5)).toEqual({
      durationS: 5,
      value: 2900,
      startS: 50,
      reason: 'power_ceiling',
      ref: 2500,
    });
    // Over 10 s the fault is diluted to 1,840 W, under the ceiling there: counted.
    expect(row!.values[at(10)]).toBeCloseTo((6 * 2900 + 4 * 250) / 10, 9);
    const { main } = await w.analytics.curve(a, { kind: 'power', sport: 'ride', from: '2026-10-01', to: '2026-10-31' });
    expect(main.points.find((p) => p.durationS === 5)).toBeUndefined();
    expect(main.points.find((p) => p.durationS === 1)).toMatchObject({ value: 2900, activityId: id });

    await w.activities.removeOne(a.id, glitch.source, glitch.externalId);
    expect((await curvesSnapshot(h, a.id)).months).toEqual([]);
  });

  it('are read only from the sources the data use allows: a Strava API ride is not in strict analytics', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const a = await insertAthlete(h.db);
    const own = await w.activities.ingest(
      a.id,
      powerRide('2026-11-02', 600, () => 250),
    );
    const strava = await w.activities.ingest(
      a.id,
      powerRide('2026-11-05', 600, () => 300, { source: 'strava', externalId: 'strava-1' }),
    );
    const asOf = (mode: 'default' | 'strict') =>
      createAnalyticsService({ db: h.db, clock: w.clock, policy: async () => policyFor(mode) }).curve(a, {
        kind: 'power',
        sport: 'ride',
        range: '42d',
      });
    expect(new Set((await asOf('default')).main.points.map((p) => p.activityId))).toEqual(new Set([strava.id]));
    expect(new Set((await asOf('strict')).main.points.map((p) => p.activityId))).toEqual(new Set([own.id]));
    // The owner's own view still has the Strava ride.
    const owner = await createAnalyticsService({ db: h.db, clock: w.clock, policy: async () => policyFor('strict') }).curve(
      a,
      { kind: 'power', sport: 'ride', range: '42d' },
      'owner',
    );
    expect(owner.main.points[0]!.activityId).toBe(strava.id);
  });

  it('compare a season with the last one, and fit CP and W′ from the last 90 days with the efforts behind them', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const a = await insertAthlete(h.db);
    // Efforts on the model's curve P = CP + W′/t (CP 250 W, W′ 20 kJ), one ride per duration.
    const durations = [180, 300, 600, 720, 1200];
    for (const [i, t] of durations.entries())
      await w.activities.ingest(
        a.id,
        powerRide(addDays(TODAY, -10 - i), t + 60, (s) => (s < t ? 250 + 20000 / t : 100)),
      );
    await w.activities.ingest(
      a.id,
      powerRide('2025-06-01', 600, () => 210, { name: 'Last season' }),
    );
    const { main, compare } = await w.analytics.curve(a, { kind: 'power', sport: 'ride', range: 'season', compare: 'previous' });
    expect(compare!.span).toMatchObject({ from: '2025-01-01', to: '2025-12-31', label: 'last season' });
    expect(compare!.points.every((p) => p.name === 'Last season')).toBe(true);
    expect(main.points.some((p) => p.name === 'Last season')).toBe(false);

    const m = await w.analytics.models(a, 'ride');
    if (!('fit' in m.fit)) throw new Error(m.fit.insufficient);
    expect(m.fit.fit.critical).toBeGreaterThan(245);
    expect(m.fit.fit.critical).toBeLessThan(255);
    expect(m.efforts.length).toBe(m.fit.fit.used.length);
    expect(m.efforts.every((e) => e.activityId && e.name)).toBe(true);
    expect((await w.analytics.models(a, 'run')).fit).toMatchObject({ insufficient: expect.any(String) });
  });

  it('are built for athletes whose activities came before them by the rebuild the migration queues', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const a = await insertAthlete(h.db);
    await w.activities.ingest(
      a.id,
      powerRide('2026-11-12', 300, () => 260),
    );
    // A ride from before this week may move the dated estimates after it (ADR 065): it queued a rebuild; let it run.
    await w.trainingLoad.settle(a.id);
    const stored = await curvesSnapshot(h, a.id);
    expect(stored.months).toHaveLength(1);
    await h.db.execute(sql`delete from activity_curves where user_id = ${a.id}`);
    await h.db.execute(sql`delete from curve_months where user_id = ${a.id}`);
    await h.db.execute(sql`insert into analytics_rebuilds (user_id, reason) values (${a.id}, 'curves')`);
    expect(await w.trainingLoad.settle(a.id)).toBe(true);
    expect(await curvesSnapshot(h, a.id)).toEqual(stored);
  });

  it('kept incrementally equal a full rebuild, and any range equals the merge of its activities (property)', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db, NOW);
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('insert' as const),
        day: fc.integer({ min: 0, max: 120 }),
        seconds: fc.integer({ min: 30, max: 400 }),
        base: fc.integer({ min: 100, max: 400 }),
        seed: fc.integer({ min: 1, max: 97 }),
        strava: fc.boolean(),
      }),
      fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), day: fc.integer({ min: 0, max: 120 }) }),
      fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 120 }),
        async (ops, x, y) => {
          const a = await insertAthlete(h.db);
          const live: ActivityInput[] = [];
          for (const o of ops) {
            if (o.kind === 'insert') {
              const input = powerRide(addDays(TODAY, -o.day), o.seconds, (s) => o.base + ((s * o.seed) % 37), {
                ...(o.strava ? { source: 'strava' as const } : {}),
              });
              await w.activities.ingest(a.id, input);
              live.push(input);
            } else if (live.length > 0) {
              const i = o.pick % live.length;
              const target = live[i]!;
              if (o.kind === 'move') {
                const day = addDays(TODAY, -o.day);
                live[i] = { ...target, startTime: new Date(`${day}T07:00:00Z`), localStartDate: day };
                await w.activities.ingest(a.id, live[i]!);
              } else if (o.kind === 'delete') {
                await w.activities.removeOne(a.id, target.source, target.externalId);
                live.splice(i, 1);
              } else {
                const copy = { ...target, source: 'gpx_upload' as const, externalId: `gpx-${crypto.randomUUID()}` };
                await w.activities.ingest(a.id, copy);
                live.push(copy);
              }
            }
          }
          const incremental = await curvesSnapshot(h, a.id);
          const [from, to] = [addDays(TODAY, -Math.max(x, y)), addDays(TODAY, -Math.min(x, y))];
          const sources = ['strava', 'fit_upload', 'gpx_upload'] as const;
          const q = { kind: 'power' as const, sport: 'ride' as const, sources: [...sources], from, to };
          const range = await rangeCurve(h.db, a.id, q);
          expect(range.curve).toEqual(await bruteRange(h, a.id, from, to));
          // Whole months and edge days alike name every point's activity, as the activity row does.
          const ids = [...new Set(range.curve.flatMap((p) => (p ? [p.activityId] : [])))];
          const named = ids.length
            ? await h.db.execute<{ id: string; name: string }>(
                sql`select id, name from activities where id = any(${sql.param(ids)}::uuid[])`,
              )
            : { rows: [] };
          expect(Object.fromEntries(ids.map((id) => [id, range.names.get(id)]))).toEqual(
            Object.fromEntries(named.rows.map((r) => [r.id, r.name])),
          );
          await w.trainingLoad.rebuild(a.id);
          expect(await curvesSnapshot(h, a.id)).toEqual(incremental);
          await w.trainingLoad.rebuild(a.id, { derive: true });
          expect(await curvesSnapshot(h, a.id)).toEqual(incremental);
        },
      ),
      { numRuns: 25 },
    );
  });
});
