// Race histories with known truth for the calibration backtest (issue 56, ADR 096): what the athlete's data shows
// the predictor today, and the times they then actually run. The benchmark is only as honest as this generator, so
// every assumption is stated here, and its model is deliberately NOT the predictor's: a smooth marathon penalty
// (not range.calc's 4/2/1 % steps), fitness that drifts, bests that are the luckiest of several tries, bad days
// that are only ever slow, CS measured from training with its own bias.
//
// Assumptions (log-scale figures are shares of the time):
// A1 Ability: 5 km time today lognormal, median 24:00, log sd 0.17, clipped to 15:00–40:00 (sub-elite to the back of a
//    parkrun field; ~17–34 min covers 95 %).
// A2 Each athlete has their own power law T(d) = T5k·(d/5000)^k (Blythe & Király 2016): k = 1.075 + 0.015·z + N(0,
//    0.02), z the ability's standard score (slower runners fade more), clipped to 1.03–1.15.
// A3 Weekly volume: lognormal, median 32 km, faster athletes run more (−0.45·z), log sd 0.45, clipped to 10–100 km.
// A4 Endurance penalty past 10 km, on top of the power law, for bests and races alike: P(d) = pM·s(d)², s = ln(d/10 km) /
//    ln(42.195/10), so the half carries ~27 % of the marathon's. pM's median falls with volume, 6.5 %·e^(−km/45)
//    (≈ 5.2 % at 10 km a week, 2.7 % at 40, 0.7 % at 100: Vickers & Vertosick 2016 found Riegel ≥ 10 min (~4 %) fast
//    for half of recreational marathoners and volume halving that); per athlete × lognormal(0, 0.6); and 6 % of
//    athletes hit the wall at the marathon, +4–15 % more. Our shape, not the predictor's steps.
// A5 Fitness drifts: log time moves g per day, g ~ N(−0.00005, 0.00012) (times fall ~0.9 % over 180 days on average,
//    sd ~2.2 %): a best 150 days old was run by a different athlete; the race, 14–84 days away, by a further one.
// A6 Day-to-day noise of one effort: N(0, 0.02), and 10 % of efforts are bad days, U(2 %, 8 %) slower (heat, a
//    cramp, a bad pacing start): ~2.6 % sd, skewed slow.
// A7 Bests: 0–5 distinct distances (0: 8 %, 1: 22 %, 2: 25 %, 3: 22 %, 4: 14 %, 5: 9 %) from 1500 m, the mile, 3 km, 5 km
//    (often), 10 km (often), 15 km, the half; 70 % within 90 days, the rest 91–180 days old. A best is the fastest of
//    1–3 efforts at that distance (so lucky-fast, as an app's bests are), and 25 % of the time that effort was not
//    all-out: 1–8 % slower (a tempo run, a race run as training, a split).
// A8 Critical speed from training (the run model's 2–20 min fit): the true CS and D′ are the least-squares line
//    distance = CS·t + D′ through the athlete's power law at 3, 6, 9 and 12 min. Measured with error: CS × N(−1.5 %,
//    3 %) (training efforts are seldom all-out), D′ × lognormal(0, 0.25). Missing for 30 % (no hard efforts), and for
//    10 % stale: dated 100–200 days ago, fitted then (so the predictor drops it past 180 days).
// A9 Volume as the app reports it: the true km × lognormal(0, 0.1); 10 % have only 2–3 weeks of data, 4 % none.
// A10 Race-day form: 15 % arrive untapered, 1–3 % slower. The plan's TSB is known for 40 % (a goal race): below −10
//    for those untapered, +2 to +15 otherwise; for the rest the penalty (if any) is hidden.
// Truth = the time at 5 km, 10 km, the half and the marathon on race day: power law × penalty × drift × form × noise.
import { addDays } from '../../../lib/dates';
import { normal, rng, TODAY } from '../races.testing';
import type { PredictionInput, RaceBest } from '../races.types';

export const RACE_DISTANCES = [5000, 10000, 21097.5, 42195] as const;
const BEST_DISTANCES: readonly [number, number][] = [
  [1500, 0.6],
  [1609.344, 0.6],
  [3000, 0.6],
  [5000, 2],
  [10000, 1.6],
  [15000, 0.5],
  [21097.5, 1],
];
const BEST_COUNTS = [0.08, 0.22, 0.25, 0.22, 0.14, 0.09];

/** The assumptions the benchmark's sensitivity run varies (the defaults are A4 and A6 above). */
export interface GeneratorOptions {
  /** A6: sd of an effort's day-to-day log noise. */
  dayNoiseSd: number;
  /** A6: share of efforts that are bad days. */
  badDayShare: number;
  /** A4: multiplies every athlete's endurance penalty. */
  penaltyScale: number;
}
export const DEFAULT_GENERATOR: GeneratorOptions = { dayNoiseSd: 0.02, badDayShare: 0.1, penaltyScale: 1 };
/** Harsher worlds than A4/A6, for the benchmark to show how much its verdict leans on them. */
export const SENSITIVITY: [string, GeneratorOptions][] = [
  ['day noise 3 %, bad days 15 %', { dayNoiseSd: 0.03, badDayShare: 0.15, penaltyScale: 1 }],
  ['endurance penalty ×1.5', { dayNoiseSd: 0.02, badDayShare: 0.1, penaltyScale: 1.5 }],
  ['day noise 1.5 %, bad days 5 %', { dayNoiseSd: 0.015, badDayShare: 0.05, penaltyScale: 1 }],
];

export interface GeneratedAthlete {
  id: number;
  /** The predictor's input, without the race (the backtest sets it per distance). */
  input: Omit<PredictionInput, 'race'>;
  raceDate: string;
  /** What the athlete actually runs on race day, s, by distance. */
  truth: Map<number, number>;
  /** Hidden facts, for strata. */
  trueKmPerWeek: number;
  exponent: number;
  fiveKS: number;
}

const clip = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const uniform = (r: () => number, lo: number, hi: number) => lo + (hi - lo) * r();
const pick = (r: () => number, weights: readonly number[]): number => {
  let u = r() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i]!;
    if (u < 0) return i;
  }
  return weights.length - 1;
};

/** A6: one effort's log noise, a bad day only ever slow. */
const dayNoise = (r: () => number, o: GeneratorOptions) => o.dayNoiseSd * normal(r) + (r() < o.badDayShare ? uniform(r, 0.02, 0.08) : 0);

/** A8: the least-squares CS and D′ through the power law's 3–12 min points. */
function trueCriticalSpeed(timeAt: (d: number) => number): { csMps: number; dPrimeM: number } {
  const ts = [180, 360, 540, 720];
  // Invert the power law for the distance covered in t (bisection: time rises with distance).
  const ds = ts.map((t) => {
    let lo = 100;
    let hi = 10000;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (timeAt(mid) < t) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  });
  const mt = ts.reduce((a, b) => a + b, 0) / ts.length;
  const md = ds.reduce((a, b) => a + b, 0) / ds.length;
  const csMps = ts.reduce((s, t, i) => s + (t - mt) * (ds[i]! - md), 0) / ts.reduce((s, t) => s + (t - mt) ** 2, 0);
  return { csMps, dPrimeM: md - csMps * mt };
}

export function generateAthlete(id: number, seed: number, o: GeneratorOptions = DEFAULT_GENERATOR): GeneratedAthlete {
  const r = rng(seed * 7919 + id);
  const z = normal(r);
  const fiveKS = clip(1440 * Math.exp(0.17 * z), 900, 2400); // A1
  const exponent = clip(1.075 + 0.015 * z + 0.02 * normal(r), 1.03, 1.15); // A2
  const trueKm = clip(32 * Math.exp(-0.45 * z + 0.45 * normal(r)), 10, 100); // A3
  // A4
  const wall = r() < 0.06 ? o.penaltyScale * uniform(r, 0.04, 0.15) : 0;
  const pM = o.penaltyScale * 0.065 * Math.exp(-trueKm / 45) * Math.exp(0.6 * normal(r));
  const penalty = (d: number) => {
    if (d <= 10000) return 0;
    const s = Math.log(d / 10000) / Math.log(42195 / 10000);
    return (pM + (d >= 30000 ? wall * s : 0)) * s * s;
  };
  const drift = -0.00005 + 0.00012 * normal(r); // A5: log time per day
  // Log time at distance d on day t (days from today; negative in the past), before noise.
  const base = (d: number, t: number) => Math.log(fiveKS) + exponent * Math.log(d / 5000) + Math.log(1 + penalty(d)) + drift * t;

  // A7: bests.
  const bests: RaceBest[] = [];
  const count = pick(r, BEST_COUNTS);
  const pool = [...BEST_DISTANCES];
  for (let i = 0; i < count; i++) {
    const [d] = pool.splice(
      pick(
        r,
        pool.map(([, w]) => w),
      ),
      1,
    )[0]!;
    const age = r() < 0.7 ? Math.floor(uniform(r, 3, 91)) : Math.floor(uniform(r, 91, 181));
    const tries = 1 + Math.floor(r() * 3);
    let noise = Number.POSITIVE_INFINITY;
    for (let k = 0; k < tries; k++) noise = Math.min(noise, dayNoise(r, o));
    const submax = r() < 0.25 ? Math.log(1 + uniform(r, 0.01, 0.08)) : 0;
    bests.push({
      distanceM: d,
      timeS: Math.exp(base(d, -age) + noise + submax),
      date: addDays(TODAY, -age),
      activityId: `g${id}-${i}`,
      name: `Generated ${d} m`,
    });
  }

  // A8: critical speed.
  const u = r();
  const staleDays = u >= 0.3 && u < 0.4 ? Math.floor(uniform(r, 100, 201)) : 0;
  const cs = trueCriticalSpeed((d) => Math.exp(base(d, -staleDays)));
  const criticalSpeed =
    u < 0.3
      ? null
      : {
          csMps: cs.csMps * (1 - 0.015 + 0.03 * normal(r)),
          dPrimeM: cs.dPrimeM * Math.exp(0.25 * normal(r)),
          date: addDays(TODAY, -staleDays),
        };

  // A9: volume as reported.
  const v = r();
  const volume =
    v < 0.04 ? null : { kmPerWeek: trueKm * Math.exp(0.1 * normal(r)), weeksWithData: v < 0.14 ? 2 + Math.floor(r() * 2) : 8, ofWeeks: 8 };

  // A10: form.
  const untapered = r() < 0.15;
  const formPenalty = untapered ? Math.log(1 + uniform(r, 0.01, 0.03)) : 0;
  const form = r() < 0.4 ? { tsb: untapered ? uniform(r, -25, -11) : uniform(r, 2, 15), ctl: 20 + trueKm / 2 } : null;

  const horizon = Math.floor(uniform(r, 14, 85));
  const truth = new Map<number, number>();
  for (const d of RACE_DISTANCES) truth.set(d, Math.exp(base(d, horizon) + formPenalty + dayNoise(r, o)));
  return {
    id,
    input: { today: TODAY, bests, criticalSpeed, volume, form },
    raceDate: addDays(TODAY, horizon),
    truth,
    trueKmPerWeek: trueKm,
    exponent,
    fiveKS,
  };
}

export function* generateAthletes(n: number, seed: number, o: GeneratorOptions = DEFAULT_GENERATOR): Generator<GeneratedAthlete> {
  for (let i = 0; i < n; i++) yield generateAthlete(i, seed, o);
}
