// One athlete's ten weeks, for the MCP = REST script: runs (steady, tempo, long, hard minutes with speed streams),
// rides (power ladders and plain), swims, two runs recorded around midnight in other zones, a Strava API copy,
// three weeks of check-ins, a plan with an illness and an injury noted; five GPS rides over one road (one a Strava API
// copy) with three segments on it, a library, a 10K and a triathlon. Dates count back from today (UTC).
import { expect } from 'vitest';
import { addDays, todayIn } from '../../lib/dates';
import { analyticsWorld } from '../../testing/analytics';
import { buildActivity } from '../../testing/factories/activity';
import type { Harness } from '../../testing/harness';
import { giveTier } from '../../testing/scenarios';
import type { ActivityInput } from '../activities';
import { powerRide } from '../analytics/power-ride.testing';
import { easyLongRun, speedRun } from '../analytics/run-speed.testing';
import { effort, ride } from '../maps/segments/segments.testing';

const at = (day: string, over: Partial<ActivityInput>) =>
  buildActivity({ source: 'fit_upload', startTime: new Date(`${day}T07:00:00Z`), localStartDate: day, timezone: 'UTC', ...over });

/**
 * A power ladder in whole watts, as a power meter records them: 3 min (84 s at `hard` + 1, then `hard`: a mean of
 * hard.47 W), 8 min at 0.79 × it and 20 min at 0.69 × it, on easy spinning (model-margin.api.test.ts's ladder).
 */
const ladderRide = (day: string, hard: number, externalId: string) =>
  powerRide(
    day,
    3600,
    (s) =>
      s < 600
        ? 150
        : s < 684
          ? hard + 1
          : s < 780
            ? hard
            : s < 1080
              ? 150
              : s < 1560
                ? Math.round(hard * 0.79)
                : s < 1860
                  ? 150
                  : s < 3060
                    ? Math.round(hard * 0.69)
                    : 150,
    { externalId },
  );

/** A run ladder for critical speed: 3 min at `fast` cm/s, 8 min at 0.9 × it, 12 min at 0.84 × it, easy between. */
function ladderRun(day: string, fast: number, externalId: string): ActivityInput {
  const cms = Array.from({ length: 3000 }, (_, s) =>
    s >= 600 && s < 780 ? fast : s >= 1080 && s < 1560 ? Math.round(fast * 0.9) : s >= 1860 && s < 2580 ? Math.round(fast * 0.84) : 300,
  );
  const distanceM = cms.reduce((x, y) => x + y, 0) / 100;
  return at(day, {
    name: 'Run ladder',
    movingTimeS: 3000,
    elapsedTimeS: 3000,
    distanceM,
    avgHr: 162,
    maxHr: 181,
    detailComplete: true,
    streams: { t: cms.map((_, i) => i), speedCms: cms },
    externalId,
  });
}

/** The week `k` weeks back (0: this one) from `base`, a day each: what an amateur triathlete does. */
function week(base: string, k: number): ActivityInput[] {
  const d = (n: number) => addDays(base, -7 * k - n);
  const id = (what: string) => `equal-${what}-${k}`;
  return [
    at(d(1), { sport: 'run', name: `Easy run ${k}`, distanceM: 8012.4, movingTimeS: 2893, elapsedTimeS: 2950, avgHr: 141, maxHr: 156 }),
    k % 2 === 0
      ? ladderRide(d(2), 380 + 7 * k, id('ladder-ride'))
      : at(d(2), {
          sport: 'ride',
          sportOriginal: 'Ride',
          name: `Spin ${k}`,
          distanceM: 31_456.7,
          movingTimeS: 3777,
          avgPower: 187.6,
          avgHr: 132,
        }),
    speedRun(d(3), 410 + 5 * k, 720 + 60 * k, id('tempo')),
    at(d(4), {
      sport: 'swim',
      sportOriginal: 'Swim',
      name: `Pool ${k}`,
      distanceM: 2250,
      movingTimeS: 2711,
      elevationGainM: null,
      avgHr: null,
      maxHr: null,
    }),
    k % 2 === 1 ? easyLongRun(d(6), id('long')) : ladderRun(d(6), 520 + 3 * k, id('ladder-run')),
  ];
}

/** Seeds the world; returns the athlete's cookie and the Strava copy's id. */
export async function equalWorld(h: Harness) {
  const me = await h.signup({ displayName: 'Equal Athlete' });
  await giveTier(h, me.user.id, 'pro');
  const cookie = me.cookie;
  const ok = async (path: string, method: string, body: unknown) => {
    const r = await h.json<{ id?: string; proposals?: { id: string }[] }>(path, { method, body, cookie });
    expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body;
  };
  // Berlin: the athlete's "today" and local days are not UTC's; age grading has what it needs.
  await ok('/api/v1/me', 'PATCH', { timeZone: 'Europe/Berlin', birthDate: '1984-03-09', sex: 'female' });
  await ok('/api/v1/analytics/thresholds', 'POST', { kind: 'max_hr', value: 188, effectiveFrom: '2000-01-01' });

  const w = analyticsWorld(h.db);
  const today = todayIn('UTC', new Date());
  const ingest = async (a: ActivityInput) => (await w.activities.ingest(me.user.id, a)).id;
  for (let k = 0; k < 10; k++) for (const a of week(today, k)) await ingest(a);
  // 23:40 in Los Angeles (07:40 UTC the next day) and 00:20 in Tokyo (15:20 UTC the day before).
  const west = addDays(today, -9);
  await ingest(at(west, { startTime: new Date(`${addDays(west, 1)}T07:40:00Z`), timezone: 'America/Los_Angeles', name: 'LA late run' }));
  const east = addDays(today, -16);
  await ingest(at(east, { startTime: new Date(`${addDays(east, -1)}T15:20:00Z`), timezone: 'Asia/Tokyo', name: 'Tokyo midnight run' }));
  const strava = await ingest(
    at(addDays(today, -2), { source: 'strava', name: 'Strava tempo', distanceM: 12_345.6, movingTimeS: 3456, avgHr: 158, avgPower: 244 }),
  );
  await w.trainingLoad.settle(me.user.id);

  // Check-ins: sleep, resting HR, HRV and the three 1–4 scales, the last three weeks (Berlin days).
  const berlin = todayIn('Europe/Berlin', new Date());
  for (let i = 20; i >= 0; i--)
    await ok(`/api/v1/wellness/days/${addDays(berlin, -i)}/check-in`, 'PUT', {
      sleepHours: 6.75 + (i % 4) * 0.5,
      restingHr: 47 + (i % 5),
      hrvRmssd: 58.4 + (i % 7) * 1.37,
      soreness: 1 + (i % 4),
      fatigue: 1 + ((i + 1) % 4),
      stress: 1 + ((i + 2) % 4),
    });

  const plan = await ok('/api/v1/plans', 'POST', {
    goal: { kind: 'run_half', eventDate: addDays(today, 77), eventName: 'River Half' },
    availableDays: [0, 1, 2, 3, 4, 5, 6],
    longDay: 6,
    hoursPerWeek: 6,
    includeStrength: false,
  });
  const notes = `/api/v1/plans/${plan.id}/health-notes`;
  await ok(notes, 'POST', { kind: 'illness', from: addDays(today, 3), to: addDays(today, 4) });
  const injury = await ok(notes, 'POST', { kind: 'injury', from: addDays(today, 9), to: addDays(today, 9) });
  await ok(`/api/v1/plans/${plan.id}/adaptations/${injury.proposals![0]!.id}/dismiss`, 'POST', {});
  await segmentsLibraryRaces(h, me.user.id, ok, today);
  return { cookie, strava };
}

const pace = (low: number, high: number) => ({ metric: 'pace', unit: 's/km', low, high });
/** The library: structured and flat, each sport's targets (relative, absolute, RPE, zone), a folder and tags. */
const LIBRARY = [
  {
    sport: 'bike',
    type: 'intervals',
    title: 'Bike 4 × 4 min',
    folder: 'Bike',
    tags: ['vo2'],
    workout: {
      steps: [
        { kind: 'warmup', durationSec: 600, distanceM: null, target: { metric: 'power', low: 0.55, high: 0.65 }, ramp: true },
        {
          kind: 'repeat',
          count: 4,
          steps: [
            { kind: 'work', durationSec: 240, distanceM: null, target: { metric: 'power', unit: 'W', low: 300, high: 320 } },
            { kind: 'recovery', durationSec: 120, distanceM: null, target: { metric: 'hr', unit: 'bpm', low: 120, high: 130 } },
          ],
        },
        { kind: 'cooldown', durationSec: 300, distanceM: null, target: { metric: 'power', zone: 1 }, cadence: { low: 85, high: 95 } },
      ],
    },
  },
  { sport: 'run', type: 'easy', title: 'Easy hour', durationSec: 3600, targetLoad: 50.4, tags: ['base'] },
  {
    sport: 'run',
    type: 'tempo',
    title: 'Tempo 3 × 2 km',
    folder: 'Run',
    workout: {
      steps: [
        { kind: 'warmup', durationSec: 900, distanceM: null, target: { metric: 'rpe', low: 2, high: 3 } },
        { kind: 'repeat', count: 3, steps: [{ kind: 'work', durationSec: null, distanceM: 2000, target: pace(268, 275) }] },
        { kind: 'cooldown', durationSec: 600, distanceM: null, target: null, note: 'Walk if needed' },
      ],
    },
  },
  {
    sport: 'swim',
    type: 'technique',
    title: 'Swim 10 × 100',
    workout: {
      steps: [
        { kind: 'warmup', durationSec: null, distanceM: 400, target: null, stroke: 'choice' },
        {
          kind: 'repeat',
          count: 10,
          steps: [{ kind: 'work', durationSec: null, distanceM: 100, target: { metric: 'pace', unit: 's/100m', low: 98, high: 102 } }],
        },
      ],
    },
  },
  { sport: 'bike', type: 'long', title: 'Long ride', durationSec: 10_800, distanceM: 80_000.4, targetLoad: 160 },
];

/**
 * Three segments on one road (five rides over it, the fastest a Strava API copy; one cut from that copy), the library,
 * a 10K and a sprint triathlon beside the plan's half, a sweat test and gut training: what segments, library and
 * race_plan read. Rides at 07:00 UTC, so no effort starts on another day than its ride.
 */
async function segmentsLibraryRaces(
  h: Harness,
  userId: string,
  ok: (path: string, method: string, body: unknown) => Promise<{ id?: string }>,
  today: string,
) {
  const rides: Awaited<ReturnType<typeof ride>>[] = [];
  for (const [i, source] of (['fit_upload', 'gpx_upload', 'fit_upload', 'strava', 'gpx_upload'] as const).entries())
    rides.push(await ride(h, userId, { source, startTime: new Date(`${addDays(today, -(i + 5))}T07:00:00Z`), name: `Road ride ${i}` }));
  const cut = async (i: number, fromS: number, toS: number, name: string) =>
    (await ok('/api/v1/segments', 'POST', { activityId: rides[i]!.id, fromS, toS, name })).id!;
  const hill = await cut(0, 60, 300, 'Hill');
  const drag = await cut(1, 400, 900, 'Long drag');
  await cut(3, 100, 500, 'Strava stretch');
  for (const [i, elapsedS] of [250, 230, 244, 199, 261].entries())
    await effort(h, { segmentId: hill, activity: rides[i]!, userId, startS: 60 + i, elapsedS });
  for (const [i, elapsedS] of [505, 497, 488].entries())
    await effort(h, { segmentId: drag, activity: rides[i + 2]!, userId, startS: 400 + i, elapsedS });

  for (const w of LIBRARY) await ok('/api/v1/library/workouts', 'POST', w);
  await ok('/api/v1/races', 'POST', { name: 'City 10K', distanceM: 10_000, raceDate: addDays(today, 30) });
  await ok('/api/v1/races', 'POST', { sport: 'triathlon', format: 'sprint', name: 'Lake sprint', raceDate: addDays(today, 50) });
  const day = addDays(today, -12);
  await ok('/api/v1/sweat-tests', 'POST', {
    date: day,
    durationMin: 60,
    massBeforeKg: 61.2,
    massAfterKg: 60.4,
    fluidL: 0.35,
    temperatureC: 18,
  });
  await ok('/api/v1/gut-training', 'POST', { date: day, carbsGPerH: 75, durationMin: 120, comfort: 5 });
}
