import { describe, expect, it } from 'vitest';
import type { ActivityStreams } from '../../activities/activity.types';
import { deltaEncode } from '../../../lib/delta-code';
import { flat, longClimb, syntheticRun } from '../calc/synthetic-streams.fixtures';
import { decodeTrack } from './activity-track.calc';
import { rangeFigures } from './range-figures.calc';
import { drawSeries } from './streams-view.calc';

const seconds = (n: number) => Array.from({ length: n }, (_, i) => i);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Minetti et al. (2002), J Appl Physiol 93:1039, energy cost of running (J/kg/m) at gradient i, written out from the paper. */
const minetti = (i: number) => 155.4 * i ** 5 - 30.4 * i ** 4 - 43.3 * i ** 3 + 46.3 * i ** 2 + 19.5 * i + 3.6;

/** Coggan's normalised power by the book: 30-s rolling average, fourth power, mean, fourth root. */
function npByHand(watts: number[]): number {
  const rolled: number[] = [];
  for (let i = 29; i < watts.length; i++) rolled.push(mean(watts.slice(i - 29, i + 1)));
  return mean(rolled.map((w) => w ** 4)) ** 0.25;
}

describe('range figures', () => {
  it('average and max of a range are those of its recorded seconds; NP by the book; a pause counts nothing', () => {
    // 40 minutes of intervals at 1 Hz, then the device auto-pauses 10 minutes, then 20 minutes more.
    const n = 3600;
    const t = seconds(n).map((i) => (i < 2400 ? i : i + 600));
    const power = seconds(n).map((i) => (Math.floor(i / 60) % 2 ? 320 : 150) + (i % 7));
    const hr = seconds(n).map((i) => 120 + Math.round(i / 60));
    const s: ActivityStreams = { t, power, hr, speedCms: t.map(() => 900), distanceDmDelta: deltaEncode(seconds(n).map((i) => i * 90)) };
    const track = decodeTrack(s, 'ride', 0)!;

    const f = rangeFigures(track, 600, 1799);
    const inRange = (xs: number[]) => xs.slice(600, 1800);
    expect(f.elapsedS).toBe(1199);
    expect(f.power!.avg).toBeCloseTo(mean(inRange(power)), 1);
    expect(f.power!.max).toBe(Math.max(...inRange(power)));
    expect(f.power!.normalized).toBeCloseTo(npByHand(inRange(power)), 1);
    expect(f.hr!.avg).toBeCloseTo(mean(inRange(hr)), 1);
    expect(f.distanceM).toBeCloseTo(1199 * 9, 6);
    expect(f.speed!.avg).toBeCloseTo(9, 3);

    // Across the pause: the 600 stopped seconds add no moving time, distance or zero watts.
    const whole = rangeFigures(track, 0, t.at(-1)!);
    expect(whole.elapsedS).toBe(4199);
    expect(whole.movingS).toBe(3600 - 1);
    expect(whole.distanceM).toBeCloseTo(3599 * 9, 6);
    expect(whole.power!.avg).toBeCloseTo(mean(power), 0);
    expect(whole.power!.normalized).toBeCloseTo(npByHand(power), 0);
  });

  it('grade-adjusted pace follows Minetti’s cost: a 10 % climb at 3 m/s is worth the flat speed of the same cost', () => {
    // 20 minutes up a steady 10 % grade at 3 m/s, recorded at 1 Hz with exact altitude.
    const n = 1200;
    const s: ActivityStreams = {
      t: seconds(n),
      speedCms: seconds(n).map(() => 300),
      altitudeDm: seconds(n).map((i) => Math.round(i * 3 * 0.1 * 10)),
    };
    const f = rangeFigures(decodeTrack(s, 'run', 0)!, 120, 1080);
    expect(f.gap!.avg! / (3 * (minetti(0.1) / minetti(0)))).toBeCloseTo(1, 2);
  });

  it('grade-adjusted pace of a run over hills comes back to the runner’s steady effort; on the flat it is the pace', () => {
    for (const [terrain, tolerance] of [
      [longClimb, 0.02],
      [flat, 0.005],
    ] as const) {
      const run = syntheticRun({ seed: 11, durationS: 3600, terrain, effortMps: 3.2, sampleS: 1, noiseM: 1.5 });
      const f = rangeFigures(decodeTrack(run.streams, 'run', run.distanceM)!, 0, 3600);
      expect(Math.abs(f.gap!.avg! / run.trueGradeAdjustedMps - 1)).toBeLessThan(tolerance);
      expect(f.speed!.avg).toBeCloseTo(run.averageMps, 1);
    }
  });

  it('HR drift compares output per beat in the first and second halves, and needs 20 minutes', () => {
    // A steady hour at 3 m/s whose heart rate is 140 in the first half and 147 in the second: 1 − 140/147.
    const n = 3600;
    const s: ActivityStreams = { t: seconds(n), speedCms: seconds(n).map(() => 300), hr: seconds(n).map((i) => (i < 1800 ? 140 : 147)) };
    const track = decodeTrack(s, 'run', 0)!;
    expect(rangeFigures(track, 0, 3599).decouplingPct).toBeCloseTo((1 - 140 / 147) * 100, 1);
    expect(rangeFigures(track, 0, 600).decouplingPct).toBeNull();
  });

  it('draws a range at full detail: only its samples, its peak kept', () => {
    const n = 14_400;
    const hr = seconds(n).map((i) => 130 + Math.round(10 * Math.sin(i / 200)) + (i === 5000 ? 45 : 0));
    const track = decodeTrack({ t: seconds(n), hr }, 'ride', 0)!;
    const whole = drawSeries(track);
    expect(whole.t.length).toBeLessThanOrEqual(502);
    const peak = Math.max(...hr);
    expect(peak).toBeGreaterThan(170);
    expect(Math.max(...whole.values.hr!)).toBe(peak);
    const part = drawSeries(track, 4000, 6000);
    expect(part.t[0]).toBe(4000);
    expect(part.t.at(-1)).toBe(6000);
    expect(part.values.hr).toContain(peak);
    expect(part.lat).toBeNull();
  });
});
