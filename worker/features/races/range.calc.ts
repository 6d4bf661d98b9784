// From the methods' times to an 80 % range. Everything is on a log scale: a method's error is a share of the time,
// not seconds. Each reason the range widens is a named widening with its amount and why, so the page can say it.

import { FRESH_DAYS } from './recent-bests.calc';
import type { PredictionRange, RaceBest, RaceDayForm, VolumeInput, Widening } from './races.types';

/** z of the 10th and 90th percentiles: the range holds 80 %. */
export const Z80 = 1.2816;
/**
 * The error left with good data (≈ ±4.5 % at 80 %): a race's own day-to-day noise (~2–3 %) on top of the bests' own.
 * 0.03 at first; the calibration backtest (ADR 096) found ranges without a CS view held 80.3 %, under 78 % with two
 * or more bests at the half and marathon, so 0.035 (with a smaller share of the methods' spread: same mean width).
 */
export const BASE_SIGMA = 0.035;
/**
 * The share of the methods' log spread added as a widening. A half at first; the backtest found the CS view's
 * disagreement over-widened the ranges that had it (88 % held), so 0.4 (ADR 096).
 */
export const SPREAD_SHARE = 0.4;
/** From here a race is marathon-like: Riegel's evidence stops at the half (Vickers & Vertosick 2016). */
export const MARATHON_FROM_M = 30000;
/** Volume counts as known with this many weeks of data (of the usual eight). */
export const MIN_VOLUME_WEEKS = 4;
/** Below this TSB on race day the plan has the athlete arriving untapered. */
export const TIRED_TSB = -10;

/** km a week that counts as low for a race: its own distance, at least 15 (a marathon wants 42 and more). */
export const lowVolumeKm = (distanceM: number): number => Math.max(15, distanceM / 1000);

/**
 * How much slower than the bests-based methods (Riegel, VDOT) a marathon is set: Riegel ran ≥ 10 min (≈ 4 %) too
 * fast for half of 2,303 recreational runners and training volume cut that error nearly in half (Vickers &
 * Vertosick 2016). 4 % at low or unknown volume, 2 % from 40 km a week, 1 % from 70.
 */
export function marathonShift(distanceM: number, volume: VolumeInput | null | undefined): { factor: number; why: string } | null {
  if (distanceM < MARATHON_FROM_M) return null;
  const km = volume && volume.weeksWithData >= MIN_VOLUME_WEEKS ? volume.kmPerWeek : null;
  const pct = km === null || km < 40 ? 4 : km < 70 ? 2 : 1;
  const basis = km === null ? 'volume unknown' : `${km.toFixed(0)} km a week`;
  return {
    factor: 1 + pct / 100,
    why: `marathon: Riegel and VDOT times set ${pct} % slower (${basis}); Riegel runs ≥ 10 min fast for half of recreational marathoners (Vickers & Vertosick 2016)`,
  };
}

export interface WideningInput {
  distanceM: number;
  used: RaceBest[];
  nearest: RaceBest;
  methodTimes: number[];
  volume: VolumeInput | null | undefined;
  form: RaceDayForm | null | undefined;
  old: RaceBest[];
}

export function widenings(w: WideningInput): Widening[] {
  const out: Widening[] = [];
  const add = (kind: Widening['kind'], sigma: number, side: Widening['side'], why: string) => {
    if (sigma > 0) out.push({ kind, sigma, side, why });
  };
  if (w.used.length === 1) add('thinHistory', 0.05, 'both', 'one recent best: no own exponent and nothing to check it against');
  else if (w.used.length === 2) add('thinHistory', 0.02, 'both', 'two recent bests: an exponent with nothing to check it');
  if (w.methodTimes.length > 1) {
    const spread = Math.log(Math.max(...w.methodTimes) / Math.min(...w.methodTimes)) * SPREAD_SHARE;
    add('methodSpread', spread, 'both', `the methods disagree: ${SPREAD_SHARE * 100} % of their spread is added`);
  }
  const doublings = Math.abs(Math.log2(w.distanceM / w.nearest.distanceM));
  if (doublings > 0.2)
    add('extrapolation', 0.015 * doublings, 'both', `the race is ${doublings.toFixed(1)} doublings of distance from the nearest best`);
  const known = w.volume && w.volume.weeksWithData >= MIN_VOLUME_WEEKS ? w.volume : null;
  const long = w.distanceM >= 21000;
  if (!known) add('unknownVolume', 0.015, 'both', `recent volume unknown (fewer than ${MIN_VOLUME_WEEKS} weeks with data)`);
  else if (known.kmPerWeek < lowVolumeKm(w.distanceM))
    add(
      'lowVolume',
      long ? 0.04 : 0.02,
      'slow',
      `${known.kmPerWeek.toFixed(0)} km a week is low for this distance (under ${lowVolumeKm(w.distanceM).toFixed(0)}): endurance may not carry the bests' pace`,
    );
  if (w.old.length > 0) add('oldBests', 0.02, 'both', `${w.old.length} of the bests used are more than ${FRESH_DAYS} days old`);
  if (w.distanceM >= MARATHON_FROM_M)
    add('marathon', 0.03, 'slow', 'marathon: the last 10 km can cost far more than any shorter best shows');
  if (w.form && w.form.tsb < TIRED_TSB)
    add('negativeForm', 0.02, 'slow', `the plan has race-day form at ${w.form.tsb.toFixed(0)}: arriving untapered`);
  return out;
}

/** Geometric mean of the methods' times: each method's error is a share of the time. */
export const middleOf = (times: number[]): number => Math.exp(times.reduce((s, t) => s + Math.log(t), 0) / times.length);

export function rangeOf(mid: number, ws: Widening[]): PredictionRange {
  const both = ws.filter((w) => w.side === 'both').reduce((s, w) => s + w.sigma ** 2, BASE_SIGMA ** 2);
  const slow = ws.filter((w) => w.side === 'slow').reduce((s, w) => s + w.sigma ** 2, both);
  return { low: mid * Math.exp(-Z80 * Math.sqrt(both)), mid, high: mid * Math.exp(Z80 * Math.sqrt(slow)) };
}
