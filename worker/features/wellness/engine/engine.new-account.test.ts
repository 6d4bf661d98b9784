// Issue 55's account through the real path, on her first day (a fixed clock): 60 days of Garmin wellness (HRV,
// resting HR, sleep) with Garmin's runs of those days, and three files years old. The engine found three "stand-out"
// patterns in her, over 155 weeks she never recorded; now nothing, no weekly outcome counts more weeks than she has,
// and no outcome is asked against itself.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { users } from '../../../db/schema';
import { addDays } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import { buildActivity } from '../../../testing/factories/activity';
import { Harness } from '../../../testing/harness';
import { athleteOf, createAnalyticsService } from '../../analytics';
import * as repo from '../wellness.repo';
import { createEngineService } from './engine.service';
import { rng } from './engine.testing';

const NOW = new Date('2026-11-29T08:00:00Z');
const TODAY = '2026-11-29';
const clock = { now: () => NOW };

describe('a new athlete on her first day, asked by the engine', () => {
  it('finds nothing, counts a weekly outcome in weeks she has, and asks no tautology', { timeout: 120_000 }, async () => {
    const h = Harness.init();
    const me = await h.signup();
    const set = await h.json('/api/v1/analytics/thresholds', {
      body: { kind: 'max_hr', value: 190, effectiveFrom: '2000-01-01' },
      cookie: me.cookie,
    });
    expect(set.status).toBe(200);
    const w = analyticsWorld(h.db, NOW);
    const rand = rng(55);
    const ride = (day: string, name: string, movingTimeS: number) =>
      w.activities.ingest(
        me.user.id,
        buildActivity({
          startTime: new Date(`${day}T07:00:00Z`),
          localStartDate: day,
          name,
          movingTimeS,
          elapsedTimeS: movingTimeS + 60,
          distanceM: Math.round((2.5 + rand() * 0.4) * movingTimeS),
          avgHr: 130 + Math.floor(rand() * 15),
        }),
      );
    for (const [k, day] of ['2019-05-12', '2020-08-30', '2021-04-18'].entries()) await ride(day, `Old file ${k + 1}`, 3000 + k * 2000);
    for (let i = 59; i >= 0; i--) {
      const day = addDays(TODAY, -i);
      await repo.putDay(
        h.db,
        me.user.id,
        day,
        'garmin',
        [
          { field: 'hrvRmssd', value: Math.round(45 + rand() * 30), textValue: null },
          { field: 'restingHr', value: Math.round(48 + rand() * 8), textValue: null },
          { field: 'sleepS', value: Math.round((6 + rand() * 2.5) * 3600), textValue: null },
        ],
        [],
        NOW,
      );
      if (rand() < 0.6) await ride(day, `Garmin run ${i}`, 2400 + Math.floor(rand() * 4000));
    }
    await w.trainingLoad.settle(me.user.id);
    const [row] = await h.db.select().from(users).where(eq(users.id, me.user.id));
    const analytics = createAnalyticsService({ db: h.db, clock });
    const engine = createEngineService({
      db: h.db,
      clock,
      training: (a, f, t) => analytics.engineFacts(a, f, t, 'analytics'),
      settling: analytics.settling,
    });
    const a = athleteOf(row!);

    const f = await engine.findings(a);
    expect(f.to).toBe(TODAY);
    expect(
      f.findings.map((x) => x.text),
      'no stand-out finding on day one',
    ).toEqual([]);
    const { result } = await engine.fullPass(a);
    // Her data began 60 days ago: at most 8 whole weeks, whatever the files years before.
    const weekly = new Set(result.outcomes.filter((o) => o.per === 'week').map((o) => o.key));
    const counted = result.questions.filter((q) => weekly.has(q.outcome));
    expect(counted.length).toBeGreaterThan(0);
    for (const q of counted) {
      expect(q.days, q.key).toBeLessThanOrEqual(8);
      expect(q.correlation?.nEff ?? 0, q.key).toBeLessThanOrEqual(8);
    }
    expect(result.questions.some((q) => q.input === 'days_off_7d' && q.outcome === 'training_days')).toBe(false);
    // Her runs are asked about (they are her data), on her days only.
    const runs = await engine.question(a, 'hrv~easy_run_ef');
    expect(runs.pairs.length).toBeGreaterThan(20);
    expect(runs.pairs.every((p) => p.day >= addDays(TODAY, -59))).toBe(true);
    for (const x of f.waiting) expect(x.text).not.toMatch(/^About \d+ more weeks .* \((9\d|1\d\d) so far\)/);
  });
});
