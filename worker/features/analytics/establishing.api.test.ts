// Issue 37, "'Overreaching' on day one": an account whose history is one old file and a month of recent
// training gets no form label, no ramp band, no caution and no load warning until fitness is established
// (ADR 044); an athlete with the history keeps all of them.
import { describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../lib/dates';
import { createLogger } from '../../lib/logger';
import { analyticsWorld } from '../../testing/analytics';
import type { Body } from '../../testing/bodies';
import { buildActivity } from '../../testing/factories/activity';
import { Harness } from '../../testing/harness';
import type { Notifier } from '../notifications';
import type { NotifyInput } from '../notifications/notifications.service';
import { createAnalysisNotices } from './analysis-notices.service';
import type { FitnessResponse, InsightsResponse } from './analytics.schema';

type Fitness = Body<typeof FitnessResponse>;
type Insights = Body<typeof InsightsResponse>;

const today = () => todayIn('UTC', new Date());

/** A run without heart rate or power on `day`: its load is the duration estimate (60 an hour). */
const run = (day: string, hours: number) =>
  buildActivity({
    startTime: new Date(`${day}T06:00:00Z`),
    localStartDate: day,
    timezone: 'UTC',
    movingTimeS: hours * 3600,
    elapsedTimeS: hours * 3600,
    distanceM: hours * 10_000,
    avgHr: null,
    maxHr: null,
    avgPower: null,
    normalizedPower: null,
  });

/** The producer as wired in production, telling a recorder instead of the notify queue. */
function noticesFor(h: Harness, w: ReturnType<typeof analyticsWorld>) {
  const told: NotifyInput<never>[] = [];
  const notifications: Notifier = {
    async notify(input) {
      told.push(input as NotifyInput<never>);
    },
  };
  const notices = createAnalysisNotices({
    db: h.db,
    logger: createLogger('warn'),
    analytics: w.analytics,
    trainingLoad: w.trainingLoad,
    notifications,
  });
  return { notices, told };
}

async function athleteWith(h: Harness, runs: ReturnType<typeof run>[]) {
  const me = await h.signup();
  const w = analyticsWorld(h.db);
  const ids: string[] = [];
  for (const r of runs) ids.push((await w.activities.ingest(me.user.id, r)).id);
  return { ...me, w, ids };
}

describe('fitness being established', () => {
  it('a 2009 file and 30 recent days: no "Overreaching", 25 more days, no caution, no load warning, samples counted', async () => {
    const h = Harness.init();
    // 30 days of 2.2 h (132 a day) up to yesterday: from a zero start, form ≈ −65 and a ramp of ≈ 8.4.
    const recent = Array.from({ length: 30 }, (_, i) => addDays(today(), -30 + i));
    const me = await athleteWith(h, [run('2009-05-17', 1), ...recent.map((d) => run(d, 2.2))]);

    const fitness = await h.json<Fitness>('/api/v1/analytics/fitness?days=42', { cookie: me.cookie });
    expect(fitness.status).toBe(200);
    const current = fitness.body.current!;
    // The numbers stand (they are the maths); the labels do not.
    expect(current.tsb).toBeLessThan(-30);
    expect(current.rampRate).toBeGreaterThan(8);
    expect(current).toMatchObject({
      form: null,
      rampBand: null,
      establishing: { daysMore: 25, since: recent[0], historyDays: 31, trainingDays: 30 },
    });

    const insights = (await h.json<Insights>('/api/v1/analytics/insights', { cookie: me.cookie })).body.insights;
    expect(insights.filter((i) => i.tone === 'caution')).toEqual([]);
    for (const kind of ['ramp_rate', 'negative_form'] as const) {
      const card = insights.find((i) => i.kind === kind)!;
      expect(card).toMatchObject({ status: 'insufficient', minSample: { actual: 30, unit: 'days with recorded training' } });
      expect(card.finding).toContain('Fitness is being established — 25 more days.');
      expect(card.finding).toContain(`30 days with training since`);
    }
    // No sample anywhere is the calendar back to 2009 (about 6,400 days).
    for (const i of insights) expect(i.minSample.actual).toBeLessThanOrEqual(31);

    const { notices, told } = noticesFor(h, me.w);
    await notices.analysed(me.user.id, { source: 'import', key: `import:${me.user.id}`, activityIds: me.ids });
    await notices.loadWarnings(me.user.id);
    expect(told.map((n) => n.type)).toEqual(['analysis.ready']);
    // Nor a day-one "Form −65" line in the analysis email.
    expect(told[0]!.data).toMatchObject({ activityCount: 31, form: null });
  });

  it('an athlete with eight weeks behind a heavy week keeps the labels, the cautions and both warnings', async () => {
    const h = Harness.init();
    // Seven steady weeks of an hour a day, then six days of four hours, up to yesterday.
    const days = Array.from({ length: 56 }, (_, i) => addDays(today(), -56 + i));
    const me = await athleteWith(
      h,
      days.map((d, i) => run(d, i >= 50 ? 4 : 1)),
    );

    const current = (await h.json<Fitness>('/api/v1/analytics/fitness?days=42', { cookie: me.cookie })).body.current!;
    expect(current).toMatchObject({ form: 'overreaching', rampBand: 'very_high', establishing: null });

    const insights = (await h.json<Insights>('/api/v1/analytics/insights', { cookie: me.cookie })).body.insights;
    const ramp = insights.find((i) => i.kind === 'ramp_rate')!;
    expect(ramp).toMatchObject({
      status: 'ok',
      tone: 'caution',
      minSample: { required: 8, actual: 56, unit: 'days with recorded training' },
    });
    expect(insights.find((i) => i.kind === 'negative_form')).toMatchObject({ status: 'ok', tone: 'caution' });

    const { notices, told } = noticesFor(h, me.w);
    await notices.analysed(me.user.id, { source: 'import', key: `import:${me.user.id}`, activityIds: me.ids });
    expect(told.map((n) => n.type)).toEqual(['analysis.ready', 'load.warning', 'load.warning']);
    expect(told.slice(1).map((n) => (n.data as { kind: string }).kind)).toEqual(['ramp', 'negative_form']);
    expect(told[0]!.data).toMatchObject({ form: { tsb: Math.round(current.tsb * 10) / 10 } });
  });

  it('a new best counts the efforts it was judged among, not a fixed two', async () => {
    const h = Harness.init();
    const fiveK = (daysAgo: number, seconds: number) => {
      const day = addDays(today(), -daysAgo);
      return buildActivity({ startTime: new Date(`${day}T07:00:00Z`), localStartDate: day, distanceM: 5000, movingTimeS: seconds });
    };
    // Two 5 km runs before the 30-day window, the best in it 5 days ago, a slower one after it.
    const me = await athleteWith(h, [fiveK(45, 1500), fiveK(38, 1480), fiveK(5, 1420), fiveK(2, 1510)]);
    const insights = (await h.json<Insights>('/api/v1/analytics/insights', { cookie: me.cookie })).body.insights;
    const pb = insights.find((i) => i.kind === 'pb_milestone' && i.numbers.timeS === 1420);
    expect(pb).toMatchObject({ status: 'ok', minSample: { required: 2, actual: 3, unit: 'efforts at this distance' } });
  });
});
