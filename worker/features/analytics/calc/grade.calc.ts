// Grade-adjusted running speed: altitude despiking, distance-window smoothing, Minetti's cost of running.

import { MOVING_SPEED_MPS, divided, finite, lerp, medianIntervalS, pauseGapS, series } from './stream-grid.calc';

// Grade (ADR 007, "Grade"): altitude jumps faster than MAX_VERTICAL_MPS (plus the noise allowance)
// between two samples are spikes or steps, not terrain; the rest is smoothed over distance travelled
// and the grade is read across ±GRADE_HALF_BASE_M of travel.
export const MAX_VERTICAL_MPS = 5;
export const ALTITUDE_NOISE_ALLOWANCE_M = 5;
// A jump that comes back (to within half of it) within this many samples is a spike; otherwise a step.
const SPIKE_MAX_SAMPLES = 5;
export const ALTITUDE_SMOOTH_HALF_M = 40;
export const GRADE_HALF_BASE_M = 40;
// Sparse recordings: the windows widen to span at least this many altitude samples each side.
const SMOOTH_MIN_SAMPLES_EACH_SIDE = 2;
// Under ~2 m of travel over the grade window the altitude noise dominates: call it flat.
const MIN_GRADE_DISTANCE_M = 2;
const MAX_GRADE = 0.45;

/** Minetti et al. (2002) energy cost of running (J/kg/m) at grade i; 3.6 on the flat. */
export const minettiCost = (i: number): number => ((((155.4 * i - 30.4) * i - 43.3) * i + 46.3) * i + 19.5) * i + 3.6;

/**
 * Altitude samples (m) with spikes and steps removed. A jump between two samples that no runner can
 * climb or descend in that time (> 5 m/s plus a 5-m noise allowance) is not terrain: when the series
 * comes back (at least halfway) within 5 samples it was a spike and the samples in between are
 * interpolated in time; otherwise it was a step (a GPS re-fix, a barometer recalibration) and the jump
 * is taken out of everything after it, which keeps every grade and loses only the absolute level.
 * O(n·5).
 */
export function despikeAltitude(t: ArrayLike<number>, altitudeM: ArrayLike<number>): Float64Array {
  const n = Math.min(t.length, altitudeM.length);
  const out = new Float64Array(n);
  if (n === 0) return out;
  const reach = (dt: number): number => MAX_VERTICAL_MPS * Math.max(0, dt) + ALTITUDE_NOISE_ALLOWANCE_M;
  const alt = (i: number): number => finite(altitudeM[i]);
  let offset = 0;
  out[0] = alt(0);
  let i = 1;
  while (i < n) {
    const prev = i - 1;
    const jump = alt(i) - alt(prev);
    if (Math.abs(jump) <= reach(t[i]! - t[prev]!)) {
      out[i] = alt(i) + offset;
      i++;
      continue;
    }
    let back = -1;
    for (let k = i + 1; k < Math.min(n, i + 1 + SPIKE_MAX_SAMPLES); k++) {
      const d = Math.abs(alt(k) - alt(prev));
      if (d <= reach(t[k]! - t[prev]!) && d < Math.abs(jump) / 2) {
        back = k;
        break;
      }
    }
    if (back > 0) {
      out[back] = alt(back) + offset;
      const span = t[back]! - t[prev]!;
      for (let k = i; k < back; k++) out[k] = span > 0 ? lerp(out[prev]!, out[back]!, (t[k]! - t[prev]!) / span) : out[prev]!;
      i = back + 1;
    } else {
      offset -= jump;
      out[i] = alt(i) + offset;
      i++;
    }
  }
  return out;
}

/**
 * Flat-equivalent speed (m/s) per second from speed and altitude on the 1-Hz grid. Altitude is first
 * averaged over ±`smoothHalfM` metres of travel (each second weighted by the distance it covers, so
 * standing still adds nothing), then the grade is the smoothed altitude change across ±`baseHalfM`
 * metres of travel, clamped to ±45 %. Distance windows, unlike time windows, see the same stretch of
 * road at any pace; two-pointer sweeps keep it O(n).
 */
function graded(
  speedMps: Float64Array,
  altitudeM: Float64Array,
  smoothHalfM = ALTITUDE_SMOOTH_HALF_M,
  baseHalfM = GRADE_HALF_BASE_M,
): Float64Array {
  const n = Math.min(speedMps.length, altitudeM.length);
  const out = speedMps.slice();
  if (n === 0) return out;
  const x = new Float64Array(n); // metres at each second (trapezoid rule)
  for (let s = 1; s < n; s++) x[s] = x[s - 1]! + (speedMps[s - 1]! + speedMps[s]!) / 2;
  // Prefix sums of the distance each second stands for, and of that weight times altitude.
  const w = new Float64Array(n + 1);
  const wa = new Float64Array(n + 1);
  for (let s = 0; s < n; s++) {
    // Half the travel to each neighbour; the first and last second take their one neighbour's full interval.
    const weight = s === 0 ? x[Math.min(1, n - 1)]! : s === n - 1 ? x[s]! - x[s - 1]! : (x[s + 1]! - x[s - 1]!) / 2;
    w[s + 1] = w[s]! + weight;
    wa[s + 1] = wa[s]! + weight * altitudeM[s]!;
  }
  const smooth = new Float64Array(n);
  const end = x[n - 1]!;
  for (let s = 0, lo = 0, hi = 0; s < n; s++) {
    // Near either end the window shrinks to stay centred: an off-centre mean would bend a steady slope.
    const half = Math.min(smoothHalfM, x[s]!, end - x[s]!);
    while (x[lo]! < x[s]! - half) lo++;
    while (hi + 1 < n && x[hi + 1]! <= x[s]! + half) hi++;
    const sw = w[hi + 1]! - w[lo]!;
    smooth[s] = sw > 0 ? (wa[hi + 1]! - wa[lo]!) / sw : altitudeM[s]!;
  }
  // Smoothed altitude at a distance: interpolated between the seconds around it.
  const at = (k: number, target: number): number => {
    if (k === 0 || x[k]! === x[k - 1]!) return smooth[k]!;
    return lerp(smooth[k - 1]!, smooth[k]!, (target - x[k - 1]!) / (x[k]! - x[k - 1]!));
  };
  for (let s = 0, a = 0, b = 0; s < n; s++) {
    const from = Math.max(0, x[s]! - baseHalfM);
    const to = Math.min(end, x[s]! + baseHalfM);
    while (a < n - 1 && x[a]! < from) a++;
    while (b < n - 1 && x[b]! < to) b++;
    const run = to - from;
    const grade = run < MIN_GRADE_DISTANCE_M ? 0 : Math.min(MAX_GRADE, Math.max(-MAX_GRADE, (at(b, to) - at(a, from)) / run));
    out[s] = speedMps[s]! * (minettiCost(grade) / minettiCost(0));
  }
  return out;
}

/**
 * The distance windows for a recording: the defaults, widened for sparse ("smart") recordings so each
 * side of a window spans at least two altitude samples (20-s sampling at 3 m/s puts them 60 m apart).
 */
function gradeWindows(t: ArrayLike<number>, speedMps: Float64Array): { smoothHalfM: number; baseHalfM: number } {
  let moving = 0;
  let dist = 0;
  for (const v of speedMps) {
    if (v > MOVING_SPEED_MPS) {
      moving++;
      dist += v;
    }
  }
  const spacingM = moving > 0 ? (medianIntervalS(t) ?? 1) * (dist / moving) : 0;
  const floor = SMOOTH_MIN_SAMPLES_EACH_SIDE * spacingM;
  return { smoothHalfM: Math.max(ALTITUDE_SMOOTH_HALF_M, floor), baseHalfM: Math.max(GRADE_HALF_BASE_M, floor) };
}

/** Grade-adjusted 1-Hz speeds from raw samples: despiked altitude, distance windows (see `graded`). */
export function gradedFromSamples(t: number[], speedMps: Float64Array, altitudeDm: number[], gap: number): Float64Array {
  const cleaned = despikeAltitude(
    t,
    altitudeDm.map((v) => finite(v) / 10),
  );
  const w = gradeWindows(t, speedMps);
  return graded(speedMps, series(t, cleaned, 'hold', gap), w.smoothHalfM, w.baseHalfM);
}

/** 1-Hz flat-equivalent speed (m/s): speed × C(grade)/C(0), grade from despiked altitude over distance windows, clamped to ±45 %. */
export function gradeAdjustedSpeeds(t: number[], speedCms: number[], altitudeDm: number[]): number[] {
  const gap = pauseGapS(t);
  return Array.from(gradedFromSamples(t, divided(series(t, speedCms, 'zero', gap), 100), altitudeDm, gap));
}
