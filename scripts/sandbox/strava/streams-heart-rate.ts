// Heart rate: a steady state from the metabolic effort, reached with a ~30 s lag, drifting a few %
// per hour, never above the athlete's max.
import type { ActivityPlan } from './generator.ts';
import { clamp } from './streams-math.ts';
import { minetti } from './streams-run.ts';

/**
 * The heart of one activity, sample by sample: `drift` is the share HR rises per hour at the same
 * effort; `noise` is the streams' shared jitter (one draw per sample, so the order of draws matters).
 * The returned step takes sample i, moving seconds done k, speed v, power p and grade g.
 */
export function heartRateModel(plan: ActivityPlan, drift: number, noise: () => number) {
  const a = plan.athlete;
  const M = plan.movingTime;
  const ride = plan.sport === 'Ride';
  const swim = plan.sport === 'Swim';
  const race = plan.workout === 'race';
  const ftp = a.ftp;
  const hrr = a.maxHr - a.restHr;
  let hr = a.restHr + 0.15 * (a.maxHr - a.restHr);
  let hrNoise = 0;
  let effortAvg = 0;
  return (i: number, k: number, v: number, p: number, g: number): number => {
    // Metabolic effort as a share of threshold: power for rides, grade-adjusted speed for runs
    // (descents still cost something: the heart does not get Minetti's full downhill discount).
    let effort = 0;
    if (v > 0) effort = ride ? p / ftp : swim ? 0.74 : (v * Math.max(0.6, minetti(clamp(g, -0.3, 0.3)) / 3.6)) / a.thresholdSpeed;
    effortAvg += (effort - effortAvg) * (ride ? 0.1 : 0.3); // power is spiky; the heart answers its ~10-s mean
    // Share of heart-rate reserve: ~60 % at easy effort, ~85 % (LTHR ≈ 89 % of max) at threshold,
    // flattening above it (VO2 reps end near 93–95 %); only a race's finish reaches the max.
    const above = Math.max(0, effortAvg - 1);
    // A race climbs towards the max as it goes (the drift of an all-out effort, and the finish).
    const racing = race && v > 0 ? 0.07 * (k / M) : 0;
    const target = a.restHr + hrr * clamp(0.85 + 0.9 * (Math.min(effortAvg, 1) - 1) + 0.6 * above + racing, 0.15, race ? 1 : 0.97);
    const drifted = (target + (plan.hrOffset ?? 0)) * (1 + (drift * i) / 3600);
    hr += (drifted - hr) / (drifted > hr ? 30 : 45);
    hrNoise = 0.8 * hrNoise + 0.6 * noise();
    return Math.round(clamp(hr + hrNoise, a.restHr, a.maxHr));
  };
}
