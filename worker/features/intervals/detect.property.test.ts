// Detection on generated sessions: N reps of a known length under GPS or pedalling noise, spikes, stops
// in the warm-up and cool-down and sparse recording are found as exactly N reps where they were; steady
// sessions under the same noise (and rolling terrain) are found as nothing. Plus the sandbox's track
// session, which the demo shows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { athleteProfile } from '../../../scripts/sandbox/strava/athlete.ts';
import { generateHistory } from '../../../scripts/sandbox/strava/generator.ts';
import { activityFit } from '../../../scripts/sandbox/garmin-fit.ts';
import { TRACK_SET } from '../../../scripts/sandbox/strava/streams-run.ts';
import { activityStreams, activitySummary } from '../../../scripts/sandbox/strava/wire.ts';
import type { ActivityStreams } from '../../db/schema/activity-columns';
import { parseFit } from '../ingest/files/fit';
import { fromStravaDetail, STREAM_KEYS } from '../ingest/strava/strava.mapper';
import { detectIntervals } from './detect.calc';
import { type GeneratedSet, generateSet, rng } from './intervals.testing';

const runSet = fc.record<GeneratedSet>({
  sport: fc.constant('run'),
  reps: fc.integer({ min: 2, max: 10 }),
  rep: fc.oneof(
    fc.integer({ min: 60, max: 600 }).map((seconds) => ({ seconds })),
    fc.constantFrom(400, 600, 800, 1000, 1200, 1600, 2000).map((metres) => ({ metres })),
  ),
  recoveryS: fc.integer({ min: 45, max: 240 }),
  standing: fc.boolean(),
  warmupS: fc.integer({ min: 300, max: 1200 }),
  cooldownS: fc.integer({ min: 180, max: 900 }),
  workLevel: fc.double({ min: 3.8, max: 6, noNaN: true }),
  easyShare: fc.double({ min: 0.45, max: 0.7, noNaN: true }),
  noise: fc.double({ min: 0.02, max: 0.07, noNaN: true }),
  stops: fc.integer({ min: 0, max: 2 }),
  maxStep: fc.constantFrom(1, 1, 2, 3),
});

const rideSet = fc.record<GeneratedSet>({
  sport: fc.constant('ride'),
  reps: fc.integer({ min: 2, max: 8 }),
  rep: fc.integer({ min: 60, max: 1200 }).map((seconds) => ({ seconds })),
  recoveryS: fc.integer({ min: 60, max: 300 }),
  standing: fc.constant(false),
  warmupS: fc.integer({ min: 300, max: 1200 }),
  cooldownS: fc.integer({ min: 180, max: 900 }),
  workLevel: fc.double({ min: 200, max: 400, noNaN: true }),
  easyShare: fc.double({ min: 0.4, max: 0.65, noNaN: true }),
  noise: fc.double({ min: 0.05, max: 0.15, noNaN: true }),
  stops: fc.constant(0),
  maxStep: fc.constant(1),
});

function checkSet(set: GeneratedSet, seed: number) {
  const { streams, reps } = generateSet(set, seed);
  // Reps filling nearly all of a session are read as the session itself (a steady run with a few stops).
  fc.pre(reps.reduce((a, r) => a + r.durationS, 0) / streams.t.at(-1)! <= 0.8);
  const d = detectIntervals(streams, set.sport);
  const found = d?.segments.filter((s) => s.kind === 'work') ?? [];
  expect(found.length, 'reps found').toBe(set.reps);
  found.forEach((rep, k) => {
    const truth = reps[k]!;
    expect(Math.abs(rep.startS - truth.startS), `rep ${k + 1} start`).toBeLessThanOrEqual(Math.max(6, 0.04 * truth.durationS));
    expect(Math.abs(rep.durationS - truth.durationS), `rep ${k + 1} duration`).toBeLessThanOrEqual(Math.max(8, 0.05 * truth.durationS));
    if (set.sport === 'run')
      expect(Math.abs(rep.distanceM! - truth.distanceM), `rep ${k + 1} distance`).toBeLessThanOrEqual(Math.max(25, 0.05 * truth.distanceM));
  });
}

/** A steady session: one level, the same noise, rolling terrain that moves it ±`hills`, and a few stops. */
function steady(sport: 'run' | 'ride', level: number, noise: number, hills: number, seconds: number, seed: number): ActivityStreams {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());
  const period = 300 + r() * 900;
  const stops = new Set(Array.from({ length: 3 }, () => Math.floor(r() * seconds)));
  const t: number[] = [];
  const values: number[] = [];
  const hr: number[] = [];
  let stopLeft = 0;
  for (let i = 0; i < seconds; i++) {
    if (stops.has(i)) stopLeft = 20;
    const v = stopLeft-- > 0 ? 0 : level * (1 + hills * Math.sin((2 * Math.PI * i) / period)) * (1 + noise * gauss());
    t.push(i);
    values.push(Math.round(Math.max(0, v) * (sport === 'run' ? 100 : 1)));
    hr.push(Math.round(140 + 3 * gauss()));
  }
  return sport === 'run' ? { t, speedCms: values, hr } : { t, power: values, hr };
}

describe('interval detection on generated sessions', () => {
  it('runs: N reps of a given time or distance, jogged or stood recoveries, noise and stops → N reps where they were', () => {
    fc.assert(
      fc.property(runSet, fc.integer({ min: 1, max: 2 ** 31 }), (set, seed) => checkSet(set, seed)),
      { numRuns: 60, seed: 20_261_125 },
    );
  });

  it('rides on power: N reps with pedalling noise → N reps where they were', () => {
    fc.assert(
      fc.property(rideSet, fc.integer({ min: 1, max: 2 ** 31 }), (set, seed) => checkSet(set, seed)),
      { numRuns: 40, seed: 20_261_126 },
    );
  });

  it('steady sessions under the same noise, with rolling terrain and stops, have no intervals', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<'run' | 'ride'>('run', 'ride'),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.integer({ min: 1800, max: 7200 }),
        fc.integer({ min: 1, max: 2 ** 31 }),
        (sport, hills, seconds, seed) => {
          const streams = steady(sport, sport === 'run' ? 3.2 : 180, sport === 'run' ? 0.05 : 0.12, hills, seconds, seed);
          expect(detectIntervals(streams, sport)).toBeNull();
        },
      ),
      { numRuns: 40, seed: 20_261_127 },
    );
  });
});

describe("the sandbox's track session (the demo's)", () => {
  const tracks = (athlete: number) =>
    generateHistory(athlete, { count: 450, endDate: new Date('2026-11-01T00:00:00Z') }).filter((a) => a.name.startsWith('Track session'));
  const expectTheSet = (d: ReturnType<typeof detectIntervals>, id: number) => {
    const reps = d?.segments.filter((s) => s.kind === 'work') ?? [];
    expect(
      reps.map((r) => Math.round(r.distanceM!)),
      `${id}: reps`,
    ).toHaveLength(TRACK_SET.reps);
    for (const rep of reps) expect(Math.abs(rep.distanceM! - TRACK_SET.repM), `${id} rep distance`).toBeLessThanOrEqual(15);
  };

  it(`holds ${TRACK_SET.reps} × ${TRACK_SET.repM} m in its streams, as Strava would send them`, () => {
    const p = athleteProfile(1001);
    const sessions = tracks(1001);
    expect(sessions.length).toBeGreaterThanOrEqual(5);
    for (const a of sessions.slice(0, 5)) {
      const input = fromStravaDetail(activitySummary(a), activityStreams(a, STREAM_KEYS));
      expectTheSet(detectIntervals(input.streams!, input.sport, { speedMps: p.thresholdSpeed }), a.id);
    }
  });

  // Issue 37: a stop the history drew inside a rep (auto-pause: the FIT file's records jump over it) made
  // that rep two, e.g. 585 m + 216 m. Every track session of two athletes, as Garmin delivers the file.
  it(`holds ${TRACK_SET.reps} × ${TRACK_SET.repM} m when a stop falls inside a rep, as Garmin's FIT file has it`, async () => {
    let paused = 0;
    for (const athlete of [1002, 1004]) {
      const p = athleteProfile(athlete);
      for (const a of tracks(athlete)) {
        const [input] = await parseFit(activityFit(a), { fallbackTimeZone: 'UTC' });
        const d = detectIntervals(input!.streams!, input!.sport, { speedMps: p.thresholdSpeed });
        const reps = d?.segments.filter((s) => s.kind === 'work') ?? [];
        expect(reps, `${a.id}: reps`).toHaveLength(TRACK_SET.reps);
        // A paused rep measures the whole 800 m. (A stop just before or after a rep can still trim it by
        // up to ~200 m: the rep's edge is read from the pace, a separate matter left for later.)
        for (const rep of reps.filter((s) => s.durationS - s.movingS > 10)) {
          expect(Math.abs(rep.distanceM! - TRACK_SET.repM), `${a.id} paused rep distance`).toBeLessThanOrEqual(15);
          paused++;
        }
      }
    }
    // The case the issue saw is in there: reps paused for more than 10 s.
    expect(paused).toBeGreaterThanOrEqual(5);
  });

  it('a paused rep is one rep, but a standing recovery between whole reps stays a recovery', () => {
    const set: GeneratedSet = {
      sport: 'run',
      reps: 6,
      rep: { metres: 800 },
      recoveryS: 75,
      standing: false,
      warmupS: 600,
      cooldownS: 400,
      workLevel: 5,
      easyShare: 0.55,
      noise: 0.03,
      stops: 0,
      maxStep: 1,
    };
    const { streams, reps } = generateSet(set, 37);
    // Rep 1 stopped for 40 s after 116 s (580 m): no samples while stopped, as auto-pause records it.
    const at = reps[0]!.startS + 116;
    const paused = { ...streams, t: streams.t.map((t) => (t >= at ? t + 40 : t)) };
    const d = detectIntervals(paused, 'run');
    const work = d?.segments.filter((s) => s.kind === 'work') ?? [];
    expect(work).toHaveLength(6);
    for (const rep of work) expect(Math.abs(rep.distanceM! - 800)).toBeLessThanOrEqual(25);
    expect(work[0]!.durationS - work[0]!.movingS).toBeGreaterThanOrEqual(35);

    // Standing recoveries: every easy run between reps a stop, each rep whole, so nothing joins.
    const standing = generateSet({ ...set, standing: true }, 38);
    expect(detectIntervals(standing.streams, 'run')?.reps).toBe(6);
  });
});
