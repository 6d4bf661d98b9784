// Every analytics read runs over the HTTP driver in the worker (one round trip per statement, no connection to
// open) and over the pool in tests and jobs. Both must answer the same, value for value: the same athlete's
// views read through each are compared whole.
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createHttpDb } from '../../db/client';
import { parseEnv } from '../../env';
import { addDays, todayIn } from '../../lib/dates';
import { analyticsWorld, insertAthlete } from '../../testing/analytics';
import { Harness } from '../../testing/harness';
import { createAnalyticsService } from './analytics.service';
import { hrRun } from './analytics.testing';
import { powerRide } from './power-ride.testing';

const fileRun = (day: string, name: string) => ({ ...hrRun(day, name), source: 'fit_upload' as const });

describe('analytics reads over either driver', () => {
  it('answer the same: fitness, volume, bests, insights, thresholds, curves, streams, analysis, trends and engine facts', async () => {
    const h = Harness.init();
    const w = analyticsWorld(h.db);
    const a = await insertAthlete(h.db, { birthDate: '1985-04-02', sex: 'female' });
    const today = todayIn('UTC', new Date());
    const run = await w.activities.ingest(a.id, fileRun(addDays(today, -2), 'Tempo'));
    await w.activities.ingest(a.id, fileRun(addDays(today, -9), 'Steady'));
    const ride = await w.activities.ingest(
      a.id,
      powerRide(addDays(today, -4), 1800, (s) => (s < 60 ? 400 : 180), { name: 'Openers' }),
    );
    await w.trainingLoad.settle(a.id);

    const pool = createAnalyticsService({ db: h.db, clock: w.clock });
    const http = createAnalyticsService({ db: h.db, clock: w.clock, readDb: createHttpDb(parseEnv(env)) });
    const views = (s: typeof pool) => ({
      fitness: () => s.fitness(a, 60),
      weeks: () => s.weeks(a, 4),
      bests: () => s.personalBests(a),
      ageGrades: () => s.ageGrades(a),
      insights: () => s.insights(a),
      thresholds: () => s.thresholds(a),
      curve: () => s.curve(a, { kind: 'power', sport: 'ride', range: 'season' }),
      speedCurve: () => s.curve(a, { kind: 'speed', sport: 'run', range: 'season' }),
      streams: () => s.activityStreams(a, ride.id, 'owner'),
      analysis: () => s.activityAnalysis(a, run.id),
      efficiency: () => s.efficiency(a, 4),
      zones: () => s.zoneWeeks(a, { basis: 'hr', sport: 'all', weeks: 12 }),
      engine: () => s.engineFacts(a, addDays(today, -28), today),
      models: () => s.modelHistory(a, 'ride'),
    });
    const overPool = views(pool);
    const overHttp = views(http);
    for (const name of Object.keys(overPool) as (keyof typeof overPool)[]) {
      const [p, x] = [await overPool[name](), await overHttp[name]()];
      expect(x, name).toEqual(p);
    }
    // Not vacuous: the athlete's data reached the views compared.
    expect((await overHttp.streams())?.channels.length).toBeGreaterThan(0);
    expect((await overHttp.curve()).main.points.length).toBeGreaterThan(0);
  });
});
