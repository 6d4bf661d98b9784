// Step compliance on hand-worked sessions (each figure below is worked out in its comment) and on real
// recordings whose laps are the workout's steps (corpus/README.md).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ActivityLap, ActivityStreams } from '../../db/schema/activity-columns';
import { parseWorkoutText, type WorkoutNode } from '../workouts';
import { fitStreams } from './intervals.testing';
import { type ActivityForSteps, stepCompliance } from './step-compliance.calc';

const START = new Date('2026-11-20T07:00:00Z');

function workout(text: string, sport: 'bike' | 'run'): WorkoutNode[] {
  const parsed = parseWorkoutText(text, sport);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.workout.steps;
}

/** One channel held at a value per block of seconds, 1 Hz from t = 0. */
function blocks(channel: 'power' | 'speedCms', parts: [seconds: number, value: number][]): ActivityStreams {
  const t: number[] = [];
  const v: number[] = [];
  for (const [sec, value] of parts)
    for (let i = 0; i < sec; i++) {
      t.push(t.length);
      v.push(value);
    }
  return { t, [channel]: v };
}

/** Laps exactly over the blocks (one per block), as a Garmin workout records them. */
function lapsOf(seconds: number[]): ActivityLap[] {
  let at = 0;
  return seconds.map((s, index) => {
    const lap = { index, startTime: new Date(START.getTime() + at * 1000).toISOString(), elapsedS: s };
    at += s;
    return lap;
  });
}

const activity = (streams: ActivityStreams | null, laps: ActivityLap[], elapsedS?: number): ActivityForSteps => ({
  startTime: START,
  elapsedS: elapsedS ?? (streams ? streams.t.length : laps.reduce((t, l) => t + l.elapsedS, 0)),
  laps,
  streams,
});

// 3 × 10 min threshold ride, FTP 250 W: warm-up Z2 = 56–75 % = 140–187.5 W; reps 95–105 % = 237.5–262.5 W;
// recoveries Z1 = 45–55 % = 112.5–137.5 W; cool-down Z1.
const THRESHOLD_RIDE = '- warmup 10m Z2\n3x\n  - 10m 95-105%\n  - recovery 5m Z1\n- cooldown 10m Z1';
const FTP = { ftp: 250 };

describe('a 3 × 10 min threshold ride aligned by its laps', () => {
  // Warm-up 160 W; rep 1 at 250 W; rep 2 surging 230/270 W a minute each (average 250 W, never inside
  // 237.5–262.5); rep 3 at 200 W (15.8 % under 237.5 W); recoveries at 100 W (easier than Z1: fine for
  // an easy step); cool-down 125 W.
  const parts: [number, number][] = [
    [600, 160],
    [600, 250],
    [300, 100],
    ...Array.from({ length: 10 }, (_, k): [number, number] => [60, k % 2 ? 270 : 230]),
    [300, 100],
    [600, 200],
    [300, 100],
    [600, 125],
  ];
  const streams = blocks('power', parts);
  const laps = lapsOf([600, 600, 300, 600, 300, 600, 300, 600]);
  const result = stepCompliance(workout(THRESHOLD_RIDE, 'bike'), 'bike', activity(streams, laps), FTP);

  it('places the eight steps on the eight laps and resolves each target with the FTP of the day', () => {
    expect(result.alignedBy).toBe('laps');
    expect(result.steps).toHaveLength(8);
    expect(result.steps.map((s) => s.kind)).toEqual(['warmup', 'work', 'recovery', 'work', 'recovery', 'work', 'recovery', 'cooldown']);
    expect(result.steps[1]!.planned.range).toEqual({ metric: 'power', low: 237.5, high: 262.5 });
    expect(result.steps[0]!.planned.range).toEqual({ metric: 'power', low: 140, high: 187.5 });
    expect(result.steps[3]!.round).toEqual({ r: 2, of: 3 });
  });

  it('judges each step: held, surging around the range, under it', () => {
    expect(result.steps.map((s) => s.verdict)).toEqual([
      'on_target',
      'on_target',
      'on_target',
      'partly',
      'on_target',
      'off',
      'on_target',
      'on_target',
    ]);
    const [rep1, rep2, rep3] = [result.steps[1]!, result.steps[3]!, result.steps[5]!];
    expect(rep1.value).toBe(250);
    expect(rep1.inRange).toBe(1);
    expect(rep2.value).toBe(250);
    // Only the 5-s means across the nine switches between 230 and 270 W cross the range: 238, 246, 254 and
    // 262 W, 4 s each, 36 of 600 s.
    expect(rep2.inRange).toBe(0.06);
    expect(rep3.value).toBe(200);
    expect(rep3.inRange).toBe(0);
  });

  it('scores the whole from the steps, weighted by planned time: (3900 − 600 off − 600 × ½) / 3900 = 0.77', () => {
    expect(result.overall).toEqual({ band: 'yellow', score: 0.77 });
  });
});

describe('a missed rep', () => {
  it('a lap pressed through rep 2 (4 s) reads skipped; the other laps still carry the steps', () => {
    const streams = blocks('power', [
      [600, 160],
      [600, 250],
      [300, 100],
      [4, 250],
      [300, 100],
      [600, 250],
      [300, 100],
      [600, 125],
    ]);
    const laps = lapsOf([600, 600, 300, 4, 300, 600, 300, 600]);
    const r = stepCompliance(workout(THRESHOLD_RIDE, 'bike'), 'bike', activity(streams, laps), FTP);
    expect(r.alignedBy).toBe('laps');
    expect(r.steps[3]!.verdict).toBe('skipped');
    expect(r.steps[3]!.actual!.durationS).toBe(4);
    expect(r.steps.filter((s) => s.verdict === 'on_target')).toHaveLength(7);
    // 600 of 3900 s at 0: 0.85, green by the score; a work step skipped makes it partly (issue 55).
    expect(r.overall).toEqual({ band: 'yellow', score: 0.85 });
  });

  it('a session stopped in rep 3: its rep is short, the steps after it never happened', () => {
    const streams = blocks('power', [
      [600, 160],
      [600, 250],
      [300, 100],
      [600, 250],
      [300, 100],
      [240, 250],
    ]);
    const laps = lapsOf([600, 600, 300, 600, 300, 240]);
    const r = stepCompliance(workout(THRESHOLD_RIDE, 'bike'), 'bike', activity(streams, laps), FTP);
    expect(r.alignedBy).toBe('laps');
    // 240 of 600 s: 40 %, red on length though held on target.
    expect(r.steps[5]!.verdict).toBe('off');
    expect(r.steps.slice(6).map((s) => [s.verdict, s.actual])).toEqual([
      ['skipped', null],
      ['skipped', null],
    ]);
  });
});

describe('a run aligned by time from the start', () => {
  // Threshold pace 4.0 m/s (4:10 /km). Warm-up Z2 = 75–85 % = 3.0–3.4 m/s; reps 4:00–4:10 /km = 4.0–4.167 m/s;
  // recoveries Z1 = 65–75 % = 2.6–3.0 m/s; the cool-down is 1 km, placed on the distance run.
  const RUN = '- warmup 10m Z2\n3x\n  - 5m 4:00-4:10/km\n  - recovery 2m Z1\n- cooldown 1km Z1';
  const TH = { threshold_pace: 4.0 };
  const speeds = (rep3: number): [number, number][] => [
    [600, 320],
    [300, 408],
    [120, 250],
    [300, 408],
    [120, 250],
    [300, rep3],
    [120, 250],
    [400, 280],
  ];

  it('places every step by its planned time, the last by its kilometre, without laps', () => {
    const r = stepCompliance(workout(RUN, 'run'), 'run', activity(blocks('speedCms', speeds(408)), []), TH);
    expect(r.alignedBy).toBe('time');
    expect(r.steps.map((s) => s.actual!.startS)).toEqual([0, 600, 900, 1020, 1320, 1440, 1740, 1860]);
    expect(r.steps.every((s) => s.verdict === 'on_target')).toBe(true);
    // 1000 m at 2.8 m/s: 358 s (the second that passes 1000 m is counted).
    expect(r.steps[7]!.actual!.durationS).toBe(358);
    expect(r.steps[7]!.actual!.distanceM).toBe(1002);
    expect(r.steps[1]!.value).toBeCloseTo(4.08, 5);
    expect(r.overall).toEqual({ band: 'green', score: 1 });
  });

  it('a rep run at 3.5 m/s (4:46 /km, 12.5 % slower than 4:10) is off; the rest stands', () => {
    const r = stepCompliance(workout(RUN, 'run'), 'run', activity(blocks('speedCms', speeds(350)), []), TH);
    expect(r.steps[5]!.verdict).toBe('off');
    expect(r.steps[5]!.inRange).toBe(0);
    expect(r.steps.filter((s) => s.verdict === 'on_target')).toHaveLength(7);
  });

  it('auto-laps every kilometre are not the steps: it aligns by time instead', () => {
    const streams = blocks('speedCms', speeds(408));
    const laps = lapsOf([300, 280, 260, 250, 250, 260, 300, 300, 100]);
    expect(stepCompliance(workout(RUN, 'run'), 'run', activity(streams, laps), TH).alignedBy).toBe('time');
  });
});

describe('saying when it cannot be aligned', () => {
  const ride = workout(THRESHOLD_RIDE, 'bike');
  it('no streams and no laps', () => {
    expect(stepCompliance(ride, 'bike', activity(null, [], 3900), FTP)).toMatchObject({ alignedBy: null, unaligned: 'no_data', steps: [] });
  });
  it('a recording under a quarter of the plan (or 2 minutes)', () => {
    const r = stepCompliance(ride, 'bike', activity(blocks('power', [[900, 200]]), []), FTP);
    expect(r).toMatchObject({ alignedBy: null, unaligned: 'too_short', overall: null });
  });
  it('a lap-button step cannot be placed by time', () => {
    const open = workout('- warmup 10m Z2\n- lap 95-105%\n- cooldown 10m Z1', 'bike');
    const r = stepCompliance(open, 'bike', activity(blocks('power', [[1800, 200]]), []), FTP);
    expect(r.unaligned).toBe('open_step');
  });
  it('laps alone (no streams) still give the lengths and the device’s averages, but no time in range', () => {
    const laps = lapsOf([600, 600, 300, 600, 300, 600, 300, 600]).map((l) => ({ ...l, avgPower: l.elapsedS === 600 ? 250 : 120 }));
    const r = stepCompliance(ride, 'bike', activity(null, laps), FTP);
    expect(r.alignedBy).toBe('laps');
    expect(r.steps[1]).toMatchObject({ value: 250, inRange: null, verdict: 'on_target' });
    // 250 W is 33 % over the warm-up's 187.5 W: off.
    expect(r.steps[0]!.verdict).toBe('off');
  });
  it('RPE or a missing threshold: the length is judged, the target is not read', () => {
    const r = stepCompliance(ride, 'bike', activity(blocks('power', [[3900, 250]]), []), {});
    expect(r.steps.every((s) => s.planned.range === null && s.value === null)).toBe(true);
    expect(r.steps.every((s) => s.verdict === 'on_target')).toBe(true);
  });
});

describe('real recordings whose laps are the steps', () => {
  const UPLOADS = join(import.meta.dirname, '../ingest/files/corpus/real');
  const asLaps = (laps: { startS: number; elapsedS: number; distanceM: number }[]): ActivityLap[] =>
    laps.map((l, index) => ({
      index,
      startTime: new Date(START.getTime() + l.startS * 1000).toISOString(),
      elapsedS: l.elapsedS,
      distanceM: l.distanceM,
    }));

  it('an indoor trainer set: 6 min warm-up, 2 × 10 min at ~260 W with 6 min between, 5 min cool-down', () => {
    const { streams, laps } = fitStreams(join(UPLOADS, 'sample-activity-indoor-trainer.fit'));
    const steps = workout('- warmup 6m Z2\n- 10m 250-270w\n- recovery 6m Z1\n- 10m 250-270w\n- cooldown 5m Z1', 'bike');
    const elapsedS = streams.t.at(-1)! + 1;
    const r = stepCompliance(steps, 'bike', { startTime: START, elapsedS, laps: asLaps(laps), streams }, { ftp: 280 });
    expect(r.alignedBy).toBe('laps');
    expect(r.steps).toHaveLength(5);
    // The laps' own figures (corpus/README): 258 W and 263 W over 601 s.
    expect(r.steps[1]!.actual!.durationS).toBe(601);
    expect(r.steps[1]!.value!).toBeGreaterThan(250);
    expect(r.steps[1]!.value!).toBeLessThan(266);
    expect(r.steps[3]!.value!).toBeGreaterThan(255);
    expect(r.steps[1]!.verdict).not.toBe('skipped');
    expect(r.steps[3]!.verdict).not.toBe('skipped');
    expect(r.steps[1]!.inRange!).toBeGreaterThan(0.3);
  });

  it('a 4 × 6 min run (IpBike): ten laps, ten steps, in order', () => {
    const { streams, laps } = fitStreams(join(import.meta.dirname, 'corpus', 'IpBike-HRV-Data.fit'));
    const steps = workout('- warmup 5m\n4x\n  - 6m\n  - recovery 3m\n- cooldown 5m', 'run');
    const r = stepCompliance(steps, 'run', { startTime: START, elapsedS: streams.t.at(-1)! + 1, laps: asLaps(laps), streams }, {});
    expect(r.alignedBy).toBe('laps');
    const work = r.steps.filter((s) => s.kind === 'work');
    expect(work.map((s) => s.actual!.durationS)).toEqual([360, 360, 360, 360]);
    // The laps' distances (corpus/README): 1,637, 1,617, 1,422 and 1,419 m.
    expect(work.map((s) => Math.round(s.actual!.distanceM!))).toEqual([1637, 1617, 1422, 1419]);
  });
});
