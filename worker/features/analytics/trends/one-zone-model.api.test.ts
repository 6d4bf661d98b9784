// One heart-rate zone model per athlete and sport (issue 55): a brand-new athlete with only a max HR ran easy, and
// Trends called it "most in zone 3 (Tempo)" from max-HR bands while Home's efficiency counted the same runs as easy.
// Both now read Friel's zones of one threshold HR (the LTHR, else 89 % of max HR), and each names it.
import { describe, expect, it } from 'vitest';
import { addDays, mondayOf, todayIn } from '../../../lib/dates';
import type { Body } from '../../../testing/bodies';
import { buildActivity } from '../../../testing/factories/activity';
import { Harness } from '../../../testing/harness';
import { analyticsWorld } from '../../../testing/analytics';
import type { EfficiencyResponse } from '../analytics.schema';
import type { ZoneTrendsResponse } from './trends.schema';

/** 40 minutes at 3 m/s and a steady `bpm`. */
const steadyRun = (day: string, bpm: number, externalId: string) => {
  const t = Array.from({ length: 2400 }, (_, i) => i);
  return buildActivity({
    startTime: new Date(`${day}T07:00:00Z`),
    localStartDate: day,
    movingTimeS: 2400,
    elapsedTimeS: 2400,
    distanceM: 7200,
    avgHr: bpm,
    maxHr: bpm,
    name: `Easy ${bpm}`,
    detailComplete: true,
    externalId,
    streams: { t, hr: t.map(() => bpm), speedCms: t.map(() => 300) },
  });
};

describe('one heart-rate zone model', () => {
  it('Trends and Home agree on easy vs tempo for the same heart rates, and name the threshold HR', async () => {
    const h = Harness.init();
    const me = await h.signup();
    const w = analyticsWorld(h.db);
    const set = await h.json('/api/v1/analytics/thresholds', {
      method: 'POST',
      cookie: me.cookie,
      body: { kind: 'max_hr', value: 190, effectiveFrom: '2020-01-01' },
    });
    expect(set.status).toBeLessThan(300);
    // Last week (any weekday today): 140 bpm is 74 % of max HR — zone 3 of the old 60/70/80/90 % bands — and
    // under 89 % of the threshold HR 169 bpm (89 % of 190) that picks easy runs; 156 bpm is neither (zone 3).
    const day = addDays(mondayOf(todayIn('UTC', new Date())), -7);
    const easy = await w.activities.ingest(me.user.id, steadyRun(day, 140, 'easy'));
    const hard = await w.activities.ingest(me.user.id, steadyRun(addDays(day, 2), 156, 'hard'));

    const eff = await h.json<Body<typeof EfficiencyResponse>>('/api/v1/analytics/efficiency?weeks=12', { cookie: me.cookie });
    expect(eff.status).toBe(200);
    const easyIds = eff.body.runs.points.map((p) => p.activityId);
    expect(easyIds).toEqual([easy.id]);
    expect(eff.body.easyHrBasis).toMatchObject({ kind: 'max_hr', value: 190, thresholdHr: 169, source: 'manual' });

    const zones = await h.json<Body<typeof ZoneTrendsResponse>>('/api/v1/analytics/trends/zones?sport=run&basis=hr&weeks=12', {
      cookie: me.cookie,
    });
    expect(zones.status).toBe(200);
    const week = zones.body.weeks.find((x) => x.weekStart === day)!;
    // Friel's run zones of 169.1 bpm: 143.7 / 152.2 / 160.6 / 169.1. The easy run is all zone 1-2; the other above.
    expect(week.seconds).toEqual([2400, 0, 2400, 0, 0]);
    const easyZones = week.activities.find((a) => a.activityId === easy.id)!;
    expect(easyZones.seconds).toBe(2400);
    expect(week.activities.map((a) => a.activityId).sort()).toEqual([easy.id, hard.id].sort());
    expect(week.thresholds).toEqual([expect.objectContaining({ kind: 'max_hr', value: 190 })]);
    expect(week.thresholds[0]!.bounds.map((b) => b.high)).toEqual([143.7, 152.2, 160.6, 169.1, null]);
  });
});
