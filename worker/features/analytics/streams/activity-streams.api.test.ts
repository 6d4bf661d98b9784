// The activity streams API end to end: who sees what (the owner, anyone else, a coach under the data-use
// policy), the shape the page draws, and a range's figures from every recorded sample. One world for the file.
import { describe, expect, it } from 'vitest';
import { deltaEncode } from '../../../lib/delta-code';
import { addDays, todayIn } from '../../../lib/dates';
import { analyticsWorld } from '../../../testing/analytics';
import type { Body, ErrorBody } from '../../../testing/bodies';
import { buildActivity } from '../../../testing/factories/activity';
import { expectErrorShape, Harness } from '../../../testing/harness';
import { coachOrg } from '../../../testing/scenarios';
import type { ActivityInput } from '../../activities/activity.types';
import { estimateSettingRide, powerRide } from '../power-ride.testing';
import type { ActivityStreamsRangeResponse, ActivityStreamsResponse } from './activity-streams.schema';

type Streams = Body<typeof ActivityStreamsResponse>;
type Range = Body<typeof ActivityStreamsRangeResponse>;

const N = 2400;
const seconds = Array.from({ length: N }, (_, i) => i);
const hr = seconds.map((i) => 130 + Math.round(i / 60) + (i === 1500 ? 30 : 0));

/** A 40-minute run at 3.125 m/s (5:20/km) with an HR spike to 185 heading north-east, with HR, altitude and a device lap per 10 minutes. */
function run(source: ActivityInput['source'], daysAgo: number): ActivityInput {
  const day = addDays(todayIn('UTC', new Date()), -daysAgo);
  const start = new Date(`${day}T07:00:00Z`);
  return buildActivity({
    source,
    name: `${source} run`,
    startTime: start,
    localStartDate: day,
    timezone: 'UTC',
    distanceM: 7500,
    movingTimeS: N,
    elapsedTimeS: N,
    maxHr: Math.max(...hr),
    detailComplete: true,
    laps: [0, 1, 2, 3].map((k) => ({
      index: k,
      startTime: new Date(start.getTime() + k * 600_000).toISOString(),
      elapsedS: 600,
      distanceM: 1875,
      avgHr: null,
    })),
    streams: {
      t: seconds,
      hr,
      speedCms: seconds.map(() => 313),
      altitudeDm: seconds.map((i) => 1000 + Math.round(50 * Math.sin(i / 300))),
      cadence: seconds.map(() => 88),
      distanceDmDelta: deltaEncode(seconds.map((i) => Math.round(i * 31.25))),
      latE6Delta: deltaEncode(seconds.map((i) => 46_050_000 + i * 20)),
      lngE6Delta: deltaEncode(seconds.map((i) => 14_500_000 + i * 20)),
    },
  });
}

describe('GET /api/v1/activities/{id}/streams', () => {
  it('the owner sees the analysis, anyone else a 404; their coach sees only what the data-use policy lets others see', async () => {
    const h = Harness.init();
    const athlete = await h.signup({ displayName: 'Sam Streams' });
    const w = analyticsWorld(h.db);
    const file = await w.activities.ingest(athlete.user.id, run('fit_upload', 2));
    const strava = await w.activities.ingest(athlete.user.id, run('strava', 4));
    const get = <T>(path: string, cookie = athlete.cookie) => h.json<T>(path, { cookie });

    const own = await get<Streams>(`/api/v1/activities/${file.id}/streams`);
    expect(own.status).toBe(200);
    const v = own.body;
    expect(v).toMatchObject({ activityId: file.id, sport: 'run', units: 'km', distance: 'recorded', durationS: N - 1 });
    expect(v.channels).toEqual(['speed', 'gap', 'hr', 'cadence', 'altitude']);
    // Downsampled for drawing, the HR peak kept; every drawn column the same length, positions included.
    const drawn = v.series!.t.length;
    expect(drawn).toBeLessThan(N);
    expect(Math.max(...v.series!.values.hr!)).toBe(Math.max(...hr));
    for (const col of [v.series!.d, v.series!.lat!, v.series!.lng!, ...Object.values(v.series!.values)]) expect(col).toHaveLength(drawn);
    // The whole activity reads as its summary (7,500 m stated; the streams integrate to 7,496.9 m).
    expect(v.figures).toMatchObject({ distanceM: 7500, movingS: N, hr: { max: Math.max(...hr) }, cadence: { avg: 176 } });
    expect(v.splits.map((s) => s.distanceM)).toEqual([1000, 1000, 1000, 1000, 1000, 1000, 1000, 496.9]);
    expect(v.splits[0]).toMatchObject({ from: 0, to: 320, elapsedS: 320 });
    // The device's laps as recorded; the HR and cadence they lack come from the streams, and say so.
    expect(v.laps).toHaveLength(4);
    expect(v.laps[1]).toMatchObject({ startS: 600, elapsedS: 600, distanceM: 1875, avgCadence: 176, fromStreams: ['hr', 'cadence'] });
    // No thresholds yet: heart-rate zones ask for them rather than invent them. Pace zones follow the load, which
    // with none in effect reads the run's own best 30 minutes (ADR 065), and say that it came from the activity.
    expect(v.zones[0]).toEqual({ kind: 'hr', state: 'no_threshold', needs: ['lthr', 'max_hr'] });
    expect(v.zones[1]).toMatchObject({
      kind: 'pace',
      state: 'ok',
      threshold: { kind: 'threshold_pace', inEffect: null, source: 'activity', raisedBy: 'best_30min' },
    });

    // A threshold dated before the run counts for it (and a write invalidates the cached answer).
    const set = await h.json('/api/v1/analytics/thresholds', {
      method: 'POST',
      cookie: athlete.cookie,
      body: { kind: 'lthr', value: 160, effectiveFrom: addDays(todayIn('UTC', new Date()), -30) },
    });
    expect(set.status).toBe(200);
    const zoned = (await get<Streams>(`/api/v1/activities/${file.id}/streams`)).body.zones.find((z) => z.kind === 'hr');
    expect(zoned).toMatchObject({ state: 'ok', threshold: { kind: 'lthr', value: 160, source: 'manual' }, totalS: N });

    // A range: exact figures from every second of it (HR 1:1 at 1 Hz), drawn only inside it.
    const range = await get<Range>(`/api/v1/activities/${file.id}/streams/range?from=1200&to=1800`);
    expect(range.status).toBe(200);
    const inRange = hr.slice(1200, 1801);
    expect(range.body.figures.hr!.avg).toBeCloseTo(inRange.reduce((a, b) => a + b, 0) / inRange.length, 1);
    expect(range.body.figures.hr!.max).toBe(185);
    expect(range.body.figures).toMatchObject({ elapsedS: 600, movingS: 600, distanceM: 1875 });
    expect(range.body.series.t[0]).toBe(1200);
    expect(range.body.series.t.at(-1)).toBe(1800);
    const backwards = await get<ErrorBody>(`/api/v1/activities/${file.id}/streams/range?from=1800&to=1200`);
    expect(backwards.status).toBe(400);
    // Without its optional bounds the range is the whole activity (not a 400 "NaN"); with one, from there to the end.
    const whole = await get<Range>(`/api/v1/activities/${file.id}/streams/range`);
    expect(whole.status).toBe(200);
    expect(whole.body.figures).toEqual(v.figures);
    const tail = await get<Range>(`/api/v1/activities/${file.id}/streams/range?from=1800`);
    expect(tail.status).toBe(200);
    expect(tail.body.figures).toMatchObject({ from: 1800, to: N - 1 });
    const junk = await get<ErrorBody>(`/api/v1/activities/${file.id}/streams/range?from=soon`);
    expect(junk.status).toBe(400);
    expectErrorShape(junk.body, 'VALIDATION');

    // Anyone else: not found, for both, with no hint that it exists.
    const other = await h.signup();
    for (const path of [`/api/v1/activities/${file.id}/streams`, `/api/v1/activities/${file.id}/streams/range?from=0&to=60`]) {
      const r = await get<ErrorBody>(path, other.cookie);
      expect(r.status).toBe(404);
      expectErrorShape(r.body, 'NOT_FOUND');
    }

    // The owner sees their Strava run too.
    expect((await get<Streams>(`/api/v1/activities/${strava.id}/streams`)).body.series?.t.length).toBeGreaterThan(0);

    // Their coach: the file's analysis, never Strava's, and zones from the athlete's own thresholds only.
    const c = await coachOrg(h, { name: 'Streams Coaching' });
    const client = await c.addClient('Sam Client');
    await c.linkAthlete(client.id, athlete);
    const seen = await c.api<Streams>(`/clients/${client.id}/activities/${file.id}/streams`);
    expect(seen.status).toBe(200);
    expect(seen.body.series!.t).toEqual(v.series!.t);
    expect(seen.body.zones.find((z) => z.kind === 'hr')).toMatchObject({ state: 'ok', threshold: { kind: 'lthr', source: 'manual' } });
    const hidden = await c.api<ErrorBody>(`/clients/${client.id}/activities/${strava.id}/streams`);
    expect(hidden.status).toBe(404);
    expect(JSON.stringify(hidden.body)).not.toContain('strava run');
  });

  it('zones use the threshold the load used: a 2013 ride is not 78 % zone 7 of a 2026 FTP (issue 37), for the owner and their coach', async () => {
    const h = Harness.init();
    const athlete = await h.signup({ displayName: 'Old Rides' });
    const w = analyticsWorld(h.db);
    // 78 min: 22 % at 150 W, the rest at 300 W with its best 20 minutes at 312 W.
    const watts = (s: number) => (s < 1030 ? 150 : s >= 1800 && s < 3000 ? 312 : 300);
    const old = await w.activities.ingest(athlete.user.id, powerRide('2013-06-01', 4680, watts, { timezone: 'UTC' }));
    // This week's 30 min at 150.5 W sets today's estimate: FTP round(0.95 × 150.5) = 143 W.
    await w.activities.ingest(athlete.user.id, estimateSettingRide({ timezone: 'UTC' }));
    expect(await w.trainingLoad.settle(athlete.user.id)).toBe(true);

    const power = (zones: Streams['zones']) => {
      const p = zones.find((z) => z.kind === 'power');
      if (p?.state !== 'ok') throw new Error('no power zones');
      return p;
    };
    const own = await h.json<Streams>(`/api/v1/activities/${old.id}/streams`, { cookie: athlete.cookie });
    expect(own.status).toBe(200);
    const p = power(own.body.zones);
    // No FTP is in effect in 2013 (today's estimate is dated this year, ADR 065): the load's FTP is the ride's own
    // 0.95 × 312 W, and the zones use it; 143 W would put 78 % in zone 7.
    expect(p.threshold).toMatchObject({
      kind: 'ftp',
      inEffect: null,
      source: 'activity',
      effectiveFrom: '2013-06-01',
      raisedBy: 'best_20min',
    });
    expect(p.threshold.value).toBeCloseTo(296.4, 6);
    expect(p.zones[6]!.seconds).toBe(0);
    expect(p.zones.map((z) => z.seconds)).toEqual([1030, 0, 0, 2450, 1200, 0, 0]);
    const analysis = await h.json<{ loadBasis: { used: string } }>(`/api/v1/analytics/activities/${old.id}`, { cookie: athlete.cookie });
    expect(analysis.body.loadBasis.used).toBe(`${Math.round(p.threshold.value)} W`);

    // The coach sees the athlete's own FTP only, bounded by the same ride the same way.
    const set = await h.json('/api/v1/analytics/thresholds', {
      method: 'POST',
      cookie: athlete.cookie,
      body: { kind: 'ftp', value: 143, effectiveFrom: '2013-01-01' },
    });
    expect(set.status).toBe(200);
    const c = await coachOrg(h, { name: 'Old Rides Coaching' });
    const client = await c.addClient('Old Client');
    await c.linkAthlete(client.id, athlete);
    const seen = await c.api<Streams>(`/clients/${client.id}/activities/${old.id}/streams`);
    expect(seen.status).toBe(200);
    expect(power(seen.body.zones).threshold).toMatchObject({
      value: p.threshold.value,
      inEffect: 143,
      source: 'manual',
      effectiveFrom: '2013-01-01',
      raisedBy: 'best_20min',
    });
    expect(power(seen.body.zones).zones[6]!.seconds).toBe(0);
  });
});
