// The fit's point selection on the demo athlete (the sandbox's athlete 1001, whose history `npm run dev` loads): in
// each 90-day window every point is fitted or named with its reason, and those left as not all-out lie under the
// line (issue 55).
import { describe, expect, it } from 'vitest';
import { generateHistory } from '../../../../scripts/sandbox/strava/generator.ts';
import { buildStreams } from '../../../../scripts/sandbox/strava/streams.ts';
import { type CurveSample, DEFAULT_WINDOW, fitCritical, modelMean } from './critical-power.calc';
import { CURVE_DURATIONS, meanMaxCurve } from './mean-max.calc';

const END = Date.UTC(2026, 10, 1);
const DAY = 86_400_000;

/** The best point at each window duration over the rides with power in the 90 days before `endMs`, with receipts. */
function rangeCurve(rides: ReturnType<typeof generateHistory>, endMs: number): CurveSample[] {
  const best = new Map<number, CurveSample>();
  for (const a of rides.filter((r) => r.startMs < endMs && r.startMs >= endMs - 90 * DAY)) {
    const watts = buildStreams(a.seed, a.plan).watts;
    if (!watts) continue;
    meanMaxCurve(Float64Array.from(watts)).forEach((p, i) => {
      const t = CURVE_DURATIONS[i]!;
      if (!p || t < DEFAULT_WINDOW.fromS || t > DEFAULT_WINDOW.toS || (best.get(t)?.mean ?? 0) >= p.value) return;
      best.set(t, { t, mean: p.value, activityId: String(a.id), startS: p.startS });
    });
  }
  return [...best.values()].sort((x, y) => x.t - y.t);
}

describe('the demo athlete’s model', () => {
  it('names every point it leaves out with its reason, those under the line under it', () => {
    const rides = generateHistory(1001, { count: 450, endDate: new Date(END) }).filter(
      (a) => a.plan.sport === 'Ride' && a.plan.hasPowerMeter,
    );
    for (const daysBack of [0, 200, 400, 600]) {
      const points = rangeCurve(rides, END - daysBack * DAY);
      const answer = fitCritical(points);
      if (!('fit' in answer)) throw new Error(`${daysBack} days back: ${answer.insufficient}`);
      const { fit } = answer;
      const at = (t: number) => points.find((p) => p.t === t)!.mean / modelMean(fit, t);
      // Every point of the window is either fitted or a receipt, once.
      expect([...fit.used, ...fit.leftOut.map((l) => l.t)].sort((a, b) => a - b)).toEqual(points.map((p) => p.t));
      for (const l of fit.leftOut.filter((x) => x.reason === 'under'))
        expect(at(l.t), `${daysBack} days back, ${l.t} s`).toBeLessThan(0.97);
      // No CP above what was ridden for 20 minutes.
      expect(fit.critical).toBeLessThan(points.at(-1)!.mean);
    }
  }, 60_000);
});
