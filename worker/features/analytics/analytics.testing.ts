// An athlete with runs on given days before today and a max HR set, for the analytics API tests.
import { expect } from 'vitest';
import type { Harness } from '../../testing/harness';
import { buildActivity } from '../../testing/factories/activity';
import { analyticsWorld } from '../../testing/analytics';
import { addDays, todayIn } from '../../lib/dates';

export const today = () => todayIn('UTC', new Date());
/** A run starting at 07:00 UTC `daysAgo` days before today. */
export const runOn = (daysAgo: number, overrides: Parameters<typeof buildActivity>[0] = {}) => {
  const day = addDays(today(), -daysAgo);
  return buildActivity({ startTime: new Date(`${day}T07:00:00Z`), localStartDate: day, ...overrides });
};

export async function athleteWithRuns(h: Harness, runs: ReturnType<typeof runOn>[]) {
  const me = await h.signup();
  const w = analyticsWorld(h.db);
  const set = await h.json('/api/v1/analytics/thresholds', {
    body: { kind: 'max_hr', value: 190, effectiveFrom: '2000-01-01' },
    cookie: me.cookie,
  });
  expect(set.status).toBe(200);
  const ids: string[] = [];
  for (const r of runs) ids.push((await w.activities.ingest(me.user.id, r)).id);
  return { ...me, ids, w };
}

/** A 30-minute run at 3 m/s: 15 minutes at 140 bpm, then 15 at 165 bpm. */
export function hrRun(day: string, name = 'Tempo run') {
  const t = Array.from({ length: 1800 }, (_, i) => i);
  return buildActivity({
    startTime: new Date(`${day}T07:00:00Z`),
    localStartDate: day,
    movingTimeS: 1800,
    elapsedTimeS: 1800,
    distanceM: 5400,
    avgHr: 152,
    maxHr: 165,
    name,
    detailComplete: true,
    streams: { t, hr: t.map((s) => (s < 900 ? 140 : 165)), speedCms: t.map(() => 300) },
  });
}
