// A seeded athlete for the engine's tests: an easy 45-minute run and a check-in (sleep, mood) on each of the last
// `days` days, the run's pace following last night's sleep when `planted`. Built straight into the database.
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { users } from '../../../db/schema';
import { addDays, todayIn } from '../../../lib/dates';
import { buildActivity } from '../../../testing/factories/activity';
import { analyticsWorld } from '../../../testing/analytics';
import type { Harness } from '../../../testing/harness';
import { athleteOf, createAnalyticsService } from '../../analytics';
import { createWellnessService } from '../wellness.service';
import * as repo from '../wellness.repo';
import { createEngineService } from './engine.service';
import { mulberry32 } from '../../../lib/random';

const today = () => todayIn('UTC', new Date());
const clock = { now: () => new Date() };

/** Seeded uniform numbers in [0, 1): the same seed, the same data on every run. */
export const rng = mulberry32;

/** An athlete with an easy 45-minute run and a check-in (sleep, mood) on each of the last `days` days. */
export async function engineAthlete(h: Harness, opts: { days: number; planted: boolean; seed: number }) {
  const me = await h.signup();
  const set = await h.json('/api/v1/analytics/thresholds', {
    body: { kind: 'max_hr', value: 190, effectiveFrom: '2000-01-01' },
    cookie: me.cookie,
  });
  expect(set.status).toBe(200);
  const w = analyticsWorld(h.db);
  const rand = rng(opts.seed);
  const ids: string[] = [];
  for (let i = opts.days; i >= 1; i--) {
    const day = addDays(today(), -i);
    const sleepH = Math.round((5.5 + rand() * 3.5) * 4) / 4;
    const noise = (rand() - 0.5) * 0.16;
    const speed = 2.6 + (opts.planted ? 0.25 * (sleepH - 7) : 0) + noise;
    await repo.putDay(
      h.db,
      me.user.id,
      day,
      'checkin',
      [
        { field: 'sleepS', value: sleepH * 3600, textValue: null },
        { field: 'mood', value: 1 + Math.floor(rand() * 4), textValue: null },
      ],
      [],
      new Date(),
    );
    const run = buildActivity({
      startTime: new Date(`${day}T07:00:00Z`),
      localStartDate: day,
      name: `Easy ${i}`,
      movingTimeS: 2700,
      elapsedTimeS: 2750,
      distanceM: Math.round(speed * 2700),
      avgHr: 135,
    });
    ids.push((await w.activities.ingest(me.user.id, run)).id);
  }
  // As an import ends: the rebuild the runs asked for (their estimates moved) runs now, not at the next cron.
  await w.trainingLoad.settle(me.user.id);
  const [row] = await h.db.select().from(users).where(eq(users.id, me.user.id));
  const analytics = createAnalyticsService({ db: h.db, clock });
  const engine = createEngineService({
    db: h.db,
    clock,
    training: (a, f, t) => analytics.engineFacts(a, f, t, 'analytics'),
    settling: analytics.settling,
  });
  const wellness = createWellnessService({ db: h.db, clock, changed: engine.changed });
  return { me, a: athleteOf(row!), engine, wellness, ids };
}
