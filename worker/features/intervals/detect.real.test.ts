// Detection on real recordings whose structure the device's own laps state (corpus/README.md), and on
// real steady sessions, which must yield nothing. Figures are compared with the laps, read independently.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectIntervals } from './detect.calc';
import { fitStreams } from './intervals.testing';

const HERE = join(import.meta.dirname, 'corpus');
const UPLOADS = join(import.meta.dirname, '../ingest/files/corpus/real');
const work = (d: ReturnType<typeof detectIntervals>) => d?.segments.filter((s) => s.kind === 'work') ?? [];

describe('real recordings with known structures', () => {
  it('a track-style interval run: 4 × 6 min found where the laps are, through GPS dropouts inside reps 3 and 4', () => {
    const { sport, streams, laps } = fitStreams(join(HERE, 'IpBike-HRV-Data.fit'));
    const d = detectIntervals(streams, sport);
    expect(d?.basis).toBe('speed');
    const reps = work(d);
    expect(reps).toHaveLength(4);
    const hardLaps = [1, 3, 5, 7].map((k) => laps[k]!);
    reps.forEach((rep, k) => {
      const lap = hardLaps[k]!;
      expect(Math.abs(rep.startS - lap.startS), `rep ${k + 1} start`).toBeLessThanOrEqual(5);
      expect(Math.abs(rep.durationS - lap.elapsedS), `rep ${k + 1} duration`).toBeLessThanOrEqual(6);
      expect(Math.abs(rep.distanceM! - lap.distanceM) / lap.distanceM, `rep ${k + 1} distance`).toBeLessThan(0.03);
    });
    const recoveries = d!.segments.filter((s) => s.kind === 'recovery');
    expect(recoveries).toHaveLength(3);
    for (const r of recoveries) expect(Math.abs(r.durationS - 180)).toBeLessThanOrEqual(8);
    expect(d!.segments[0]!.kind).toBe('warmup');
    expect(d!.segments.at(-1)!.kind).toBe('cooldown');
    // The reps are the hard part: heart rate well above the recoveries'.
    for (const rep of reps) expect(rep.avgHr!).toBeGreaterThan(Math.max(...recoveries.map((r) => r.avgHr!)));
  });

  it('a tempo run: one block of about 6 km between a warm-up and a cool-down', () => {
    const { sport, streams, laps } = fitStreams(join(UPLOADS, 'activity-small-fenix2-run.fit'));
    const d = detectIntervals(streams, sport);
    const reps = work(d);
    expect(reps).toHaveLength(1);
    const tempoLaps = laps[1]!.distanceM + laps[2]!.distanceM;
    const tempo = reps[0]!;
    // The laps hold 5,967 m of tempo; the effort ran on for a few hundred metres into the last lap.
    expect(tempo.distanceM!).toBeGreaterThan(tempoLaps * 0.98);
    expect(tempo.distanceM!).toBeLessThan(tempoLaps * 1.12);
    expect(Math.abs(tempo.startS - laps[1]!.startS)).toBeLessThanOrEqual(30);
    expect(d!.segments.map((s) => s.kind)).toEqual(['warmup', 'work', 'cooldown']);
  });

  it('a bike set on power: 2 × 10 min where the laps say, at their power', () => {
    const { sport, streams, laps } = fitStreams(join(UPLOADS, 'sample-activity-indoor-trainer.fit'));
    const d = detectIntervals(streams, sport);
    expect(d?.basis).toBe('power');
    const reps = work(d);
    expect(reps).toHaveLength(2);
    [laps[1]!, laps[3]!].forEach((lap, k) => {
      expect(Math.abs(reps[k]!.startS - lap.startS)).toBeLessThanOrEqual(10);
      expect(Math.abs(reps[k]!.durationS - lap.elapsedS)).toBeLessThanOrEqual(10);
    });
    expect(reps[0]!.avgPower!).toBeGreaterThan(250);
    expect(reps[1]!.avgPower!).toBeGreaterThan(250);
    expect(d!.segments.find((s) => s.kind === 'recovery')!.avgPower!).toBeLessThan(170);
  });

  it.each([
    ['a long ride with power and a 42-minute stop', '2019-02-17-062644-ELEMNT-297E-195-0.fit'],
    ['a ride with speed and HR only', 'garmin-edge-500-activity.fit'],
    ['a steady run recorded by the Strava app', 'strava-android-app-201.10-b1218918.fit'],
    ['a pool swim', 'event_timestamp.fit'],
  ])('says nothing for a steady session: %s', (_what, file) => {
    const { sport, streams } = fitStreams(join(UPLOADS, file));
    expect(detectIntervals(streams, sport)).toBeNull();
  });
});
