// Pure computations over activity streams: best efforts, normalized power/graded speed, decoupling,
// and the per-activity `DerivedFacts`. Everything is O(n) over a 1-Hz grid built once per channel.

import type { ActivityStreams, BestEffort, Sport } from '../../activities';
import type { DerivedFacts } from '../analytics.types';

export const RUN_PB_DISTANCES: readonly number[] = [400, 1000, 1609.344, 5000, 10000, 21097.5, 42195];
export const POWER_DURATIONS: readonly number[] = [5, 60, 300, 1200, 3600];

/** The `runBests` key for a PB distance: whole metres, so 1 mile → 1609 and the half marathon → 21098. */
export const runBestKey = (distanceM: number): number => Math.round(distanceM);

// A sample interval longer than this is a pause (auto-pause, stop), not slow or smart recording.
const MIN_PAUSE_GAP_S = 10;
// A time axis longer than a week is corrupt (milliseconds, epoch seconds): no grid rather than a huge one.
const MAX_SPAN_S = 7 * 24 * 3600;
// Below this a second counts as standing still (speed-at-HR and the run steadiness check).
export const MOVING_SPEED_MPS = 0.5;
const NP_WINDOW_S = 30;
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
const FIXED_HR_BAND = 3;
const FIXED_HR_MIN_S = 300;
const DECOUPLING_MIN_S = 20 * 60;

type Fill = 'zero' | 'hold' | 'gap';

/** Pause threshold for a time axis: 10 s, or 4× the median interval for files sampled sparser than ~2.5 s. */
export function pauseGapS(t: ArrayLike<number>): number {
  const median = medianIntervalS(t);
  return median === null ? MIN_PAUSE_GAP_S : Math.max(MIN_PAUSE_GAP_S, 4 * median);
}

function medianIntervalS(t: ArrayLike<number>): number | null {
  const dts: number[] = [];
  for (let i = 1; i < t.length; i++) {
    const dt = t[i]! - t[i - 1]!;
    if (dt > 0) dts.push(dt);
  }
  if (dts.length === 0) return null;
  const sorted = Float64Array.from(dts).sort();
  return sorted[sorted.length >> 1]!;
}

const finite = (v: number | undefined): number => (v !== undefined && Number.isFinite(v) ? v : 0);

/** 1-Hz grid over seconds 0..floor(last t): linear between samples, and inside pauses 0, the last value, or NaN ('gap'). */
function series(t: ArrayLike<number>, values: ArrayLike<number>, fill: Fill, gap: number): Float64Array {
  const n = Math.min(t.length, values.length);
  const lastT = n > 0 ? t[n - 1]! : NaN;
  if (!(lastT >= 0 && lastT <= MAX_SPAN_S)) return new Float64Array(0);
  const out = new Float64Array(Math.floor(lastT) + 1);
  const gapValue = fill === 'gap' ? NaN : 0;
  let j = 0;
  for (let s = 0; s < out.length; s++) {
    while (j + 1 < n && t[j + 1]! <= s) j++;
    const tj = t[j]!;
    const vj = finite(values[j]);
    if (s < tj)
      out[s] = fill === 'hold' || tj <= gap ? vj : gapValue; // before the first sample
    else if (s === tj || j + 1 >= n) out[s] = vj;
    else {
      const dt = t[j + 1]! - tj;
      out[s] = dt > gap ? (fill === 'hold' ? vj : gapValue) : vj + ((finite(values[j + 1]) - vj) * (s - tj)) / dt;
    }
  }
  return out;
}

// Division, not × 0.01: 300 cm/s must become exactly 3 m/s.
const divided = (x: Float64Array, k: number): Float64Array => x.map((v) => v / k);
const zeroed = (x: Float64Array): Float64Array => x.map((v) => (Number.isNaN(v) ? 0 : v));

/** Values at each whole second 0..last; across pauses 0 (power, speed: nothing produced) or the last value held (HR, altitude). */
export function resample1Hz(t: number[], values: number[], fill: 'zero' | 'hold'): number[] {
  return Array.from(series(t, values, fill, pauseGapS(t)));
}

function cumulative(t: ArrayLike<number>, speedCms: ArrayLike<number>, gap: number): Float64Array {
  const n = Math.min(t.length, speedCms.length);
  const out = new Float64Array(n);
  for (let i = 1; i < n; i++) {
    const dt = t[i]! - t[i - 1]!;
    const v = (Math.max(0, finite(speedCms[i - 1])) + Math.max(0, finite(speedCms[i]))) / 200;
    out[i] = out[i - 1]! + (dt > 0 && dt <= gap ? v * dt : 0);
  }
  return out;
}

/** Metres at each sample by the trapezoid rule; a pause interval adds nothing (the athlete was stopped). */
export function cumulativeDistance(t: number[], speedCms: number[]): number[] {
  return Array.from(cumulative(t, speedCms, pauseGapS(t)));
}

const lerp = (a: number, b: number, f: number): number => a + (b - a) * f;

/**
 * Fastest stretch covering exactly `distanceM` (elapsed time, pauses included, as race PBs are).
 * Distance is taken as linear between samples, so the optimum starts or ends on a sample: one
 * two-pointer pass per case finds it in O(n). `cumDistM` must be non-decreasing. Null when too short.
 */
export function fastestSegment(
  t: ArrayLike<number>,
  cumDistM: ArrayLike<number>,
  distanceM: number,
): { timeS: number; startOffsetS: number } | null {
  const n = Math.min(t.length, cumDistM.length);
  if (!(distanceM > 0) || n < 2 || cumDistM[n - 1]! - cumDistM[0]! < distanceM) return null;
  let best: { timeS: number; startOffsetS: number } | null = null;
  const consider = (start: number, end: number): void => {
    if (!best || end - start < best.timeS) best = { timeS: end - start, startOffsetS: start };
  };
  // Starts on a sample; the end is interpolated inside the first interval that reaches the target.
  for (let i = 0, j = 1; i < n; i++) {
    const target = cumDistM[i]! + distanceM;
    while (j < n && cumDistM[j]! < target) j++;
    if (j >= n) break;
    const d0 = cumDistM[j - 1]!;
    const f = (target - d0) / (cumDistM[j]! - d0);
    consider(t[i]!, lerp(t[j - 1]!, t[j]!, f));
  }
  // Ends on a sample; the start is interpolated inside the last interval that still leaves the distance.
  for (let j = 0, i = 0; j < n; j++) {
    const target = cumDistM[j]! - distanceM;
    if (target < cumDistM[0]!) continue;
    while (i + 1 < j && cumDistM[i + 1]! <= target) i++;
    const d0 = cumDistM[i]!;
    const span = cumDistM[i + 1]! - d0;
    consider(span > 0 ? lerp(t[i]!, t[i + 1]!, (target - d0) / span) : t[i]!, t[j]!);
  }
  return best;
}

function bestWindowMean(x: Float64Array, durationS: number): number | null {
  const w = Math.round(durationS);
  if (w < 1 || x.length < w) return null;
  let sum = 0;
  for (let i = 0; i < w; i++) sum += x[i]!;
  let best = sum;
  for (let i = w; i < x.length; i++) {
    sum += x[i]! - x[i - w]!;
    if (sum > best) best = sum;
  }
  return best / w;
}

/** Best rolling mean power over `durationS` on the zero-filled 1-Hz grid (pauses count as 0 W); null if shorter. */
export function bestMeanPower(t: number[], power: number[], durationS: number): number | null {
  return bestWindowMean(series(t, power, 'zero', pauseGapS(t)), durationS);
}

/** Best mean speed (m/s) over `durationS` on the zero-filled 1-Hz grid; null if shorter. */
export function bestMeanSpeed(t: number[], speedCms: number[], durationS: number): number | null {
  const best = bestWindowMean(series(t, speedCms, 'zero', pauseGapS(t)), durationS);
  return best === null ? null : best / 100;
}

// Coggan's normalisation: 30-s rolling mean, then the 4th root of the mean 4th power.
function normalized(x: Float64Array): number | null {
  if (x.length < NP_WINDOW_S) return null;
  let sum = 0;
  let acc = 0;
  for (let i = 0; i < x.length; i++) {
    sum += x[i]!;
    if (i >= NP_WINDOW_S) sum -= x[i - NP_WINDOW_S]!;
    if (i >= NP_WINDOW_S - 1) acc += (sum / NP_WINDOW_S) ** 4;
  }
  return (acc / (x.length - NP_WINDOW_S + 1)) ** 0.25;
}

/** Coggan normalized power on the zero-filled 1-Hz grid; null under 30 s. */
export function normalizedPower(t: number[], power: number[]): number | null {
  return normalized(series(t, power, 'zero', pauseGapS(t)));
}

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
function gradedFromSamples(t: number[], speedMps: Float64Array, altitudeDm: number[], gap: number): Float64Array {
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

/** Normalized graded speed (m/s): NP's recipe applied to grade-adjusted speed (plain speed without altitude); null under 30 s. */
export function normalizedGradedSpeed(t: number[], speedCms: number[], altitudeDm?: number[]): number | null {
  const gap = pauseGapS(t);
  const speed = divided(series(t, speedCms, 'zero', gap), 100);
  return normalized(altitudeDm ? gradedFromSamples(t, speed, altitudeDm, gap) : speed);
}

// Inputs are 'gap' grids: pauses are left out rather than counted as zero output.
function decouplingOf(hr: Float64Array, output: Float64Array): number | null {
  const n = Math.min(hr.length, output.length);
  let valid = 0;
  for (let s = 0; s < n; s++) if (hr[s]! > 0 && !Number.isNaN(output[s]!)) valid++;
  if (valid < DECOUPLING_MIN_S) return null;
  const half = valid >> 1;
  let out1 = 0;
  let hr1 = 0;
  let out2 = 0;
  let hr2 = 0;
  for (let s = 0, k = 0; s < n; s++) {
    if (!(hr[s]! > 0) || Number.isNaN(output[s]!)) continue;
    if (k++ < half) {
      out1 += output[s]!;
      hr1 += hr[s]!;
    } else {
      out2 += output[s]!;
      hr2 += hr[s]!;
    }
  }
  // Within a half, mean(output) / mean(hr) = Σoutput / Σhr (same seconds in both sums).
  const ef1 = out1 / hr1;
  const ef2 = out2 / hr2;
  return ef1 > 0 ? ((ef1 - ef2) / ef1) * 100 : null;
}

/** Pa:HR decoupling %: first-half vs second-half output per beat over moving time (pauses skipped); null under 20 min. */
export function decoupling(t: number[], hr: number[], output: number[]): number | null {
  const gap = pauseGapS(t);
  return decouplingOf(series(t, hr, 'gap', gap), series(t, output, 'gap', gap));
}

function speedAtHr(hr: Float64Array, speedMps: Float64Array, fixedHr: number): number | null {
  const n = Math.min(hr.length, speedMps.length);
  let count = 0;
  let sum = 0;
  for (let s = 0; s < n; s++) {
    if (Math.abs(hr[s]! - fixedHr) <= FIXED_HR_BAND && speedMps[s]! > MOVING_SPEED_MPS) {
      count++;
      sum += speedMps[s]!;
    }
  }
  return count >= FIXED_HR_MIN_S ? sum / count : null;
}

/** Mean moving speed (m/s) over seconds within ±3 bpm of `fixedHr`: an aerobic-fitness marker; null under 5 min of them. */
export function speedAtFixedHr(t: number[], hr: number[], speedCms: number[], fixedHr: number): number | null {
  const gap = pauseGapS(t);
  return speedAtHr(series(t, hr, 'gap', gap), divided(series(t, speedCms, 'gap', gap), 100), fixedHr);
}

// Max over windows of the window minimum (monotonic deque); windows touching a pause or a 0/absent reading don't count.
function peakHeld(hr: Float64Array, holdS: number): number | null {
  const w = Math.max(1, Math.round(holdS));
  const queue = new Int32Array(hr.length);
  let head = 0;
  let tail = 0;
  let runStart = 0;
  let best = -Infinity;
  for (let i = 0; i < hr.length; i++) {
    const v = hr[i]!;
    if (!(v > 0)) {
      head = tail = 0;
      runStart = i + 1;
      continue;
    }
    while (tail > head && hr[queue[tail - 1]!]! >= v) tail--;
    queue[tail++] = i;
    if (queue[head]! <= i - w) head++;
    if (i - runStart + 1 >= w) best = Math.max(best, hr[queue[head]!]!);
  }
  return best > 0 ? best : null;
}

/** Highest HR held for `holdS` consecutive seconds: a max HR that ignores one- or two-second optical spikes. */
export function peakHeldHr(t: number[], hr: number[], holdS = 5): number | null {
  return peakHeld(series(t, hr, 'gap', pauseGapS(t)), holdS);
}

function coefficientOfVariation(x: Float64Array, keep: (v: number) => boolean): number | null {
  let n = 0;
  let sum = 0;
  let sumSq = 0;
  for (const v of x) {
    if (!keep(v)) continue;
    n++;
    sum += v;
    sumSq += v * v;
  }
  if (n === 0) return null;
  const mean = sum / n;
  return Math.sqrt(Math.max(0, sumSq / n - mean * mean)) / mean;
}

const average = (x: Float64Array): number => (x.length === 0 ? 0 : x.reduce((a, v) => a + v, 0) / x.length);
const round = (v: number, digits: number): number => Math.round(v * 10 ** digits) / 10 ** digits;
const roundOrNull = (v: number | null, digits: number): number | null => (v === null ? null : round(v, digits));

// A channel is usable when present and carrying some signal (an all-zero power meter is a missing one).
const hasSignal = (c: number[] | undefined): c is number[] => !!c && c.some((v) => v > 0);

const RUN_STEADY_MAX_CV = 0.2;
const RIDE_STEADY_MAX_VI = 1.1;
const DECOUPLING_MIN_SESSION_S = 60 * 60;
const PROVIDER_MATCH = 0.01;
const WHOLE_MAX_OVER = 1.03;
/**
 * An activity this close under a PB distance covered it: courses are measured on the shortest line and
 * GPS/rounding loses a little, so a race recorded 0.2 % short was still the race (8 m on a mile).
 */
export const PB_DISTANCE_TOLERANCE = 0.005;
/**
 * The speed stream integrates to a slightly different distance than the activity states (rounded
 * cm/s, smart recording, a footpod's calibration): within 10 % it is scaled to the activity's
 * distance; beyond that the two describe different things and the stream is not searched for bests.
 */
export const STREAM_DISTANCE_MAX_DIFF = 0.1;

export interface DeriveFactsInput {
  sport: Sport;
  movingTimeS: number;
  distanceM: number;
  bestEfforts: BestEffort[];
  streams: ActivityStreams | null;
}

/**
 * Everything the analytics keep per activity. Run bests: the provider's best effort within 1 % of the
 * distance, else the fastest segment of the speed stream (its distance scaled to the activity's own),
 * else the whole recording when it is within 0.5 % under the distance, else (no usable speed stream)
 * the moving time, pro-rated when the whole run is 0.995·D…1.03·D. A stream more than 10 % off the
 * activity's distance is not searched (`streamDistanceMismatch` says so). Times and offsets in seconds (0.1 s).
 */
export function deriveFacts(a: DeriveFactsInput, opts: { fixedHr: number | null }): DerivedFacts {
  const facts: DerivedFacts = {
    normalizedPower: null,
    ngpMps: null,
    decouplingPct: null,
    speedAtFixedHrMps: null,
    powerBests: {},
    runBests: {},
    best30MinSpeedMps: null,
    peakHr: null,
    streamDistanceMismatch: null,
  };
  const st = a.streams && a.streams.t.length >= 2 ? a.streams : null;
  const t = st?.t ?? [];
  const gap = pauseGapS(t);
  const hrRaw = hasSignal(st?.hr) ? st.hr : undefined;
  const speedRaw = hasSignal(st?.speedCms) ? st.speedCms : undefined;
  const powerRaw = hasSignal(st?.power) ? st.power : undefined;
  const altitudeRaw = st?.altitudeDm && st.altitudeDm.length > 0 ? st.altitudeDm : undefined;

  const hr = hrRaw && series(t, hrRaw, 'gap', gap);
  const speed = speedRaw && divided(series(t, speedRaw, 'gap', gap), 100);
  const speedZero = speed && zeroed(speed);
  const power = powerRaw && series(t, powerRaw, 'gap', gap);
  const powerZero = power && zeroed(power);
  const isRun = a.sport === 'run';
  const isRide = a.sport === 'ride';
  const np = powerZero ? normalized(powerZero) : null;

  if (powerZero) {
    for (const d of POWER_DURATIONS) {
      const best = bestWindowMean(powerZero, d);
      if (best !== null) facts.powerBests[d] = round(best, 1);
    }
    facts.normalizedPower = roundOrNull(np, 1);
  }
  if (isRun && speedZero) {
    facts.ngpMps = roundOrNull(normalized(altitudeRaw ? gradedFromSamples(t, speedZero, altitudeRaw, gap) : speedZero), 3);
    facts.best30MinSpeedMps = roundOrNull(bestWindowMean(speedZero, 30 * 60), 3);
  }
  if (hr) {
    facts.peakHr = roundOrNull(peakHeld(hr, 5), 0);
    if (speed && opts.fixedHr !== null) facts.speedAtFixedHrMps = roundOrNull(speedAtHr(hr, speed, opts.fixedHr), 3);
    if (a.movingTimeS >= DECOUPLING_MIN_SESSION_S) {
      if (isRun && speed) {
        const cv = coefficientOfVariation(speed, (v) => v > MOVING_SPEED_MPS);
        if (cv !== null && cv <= RUN_STEADY_MAX_CV) facts.decouplingPct = roundOrNull(decouplingOf(hr, speed), 2);
      } else if (isRide && power && powerZero) {
        const avg = average(powerZero);
        if (np !== null && avg > 0 && np / avg <= RIDE_STEADY_MAX_VI) facts.decouplingPct = roundOrNull(decouplingOf(hr, power), 2);
      }
    }
  }
  if (isRun) {
    let cum = st && speedRaw ? cumulative(t, speedRaw, gap) : null;
    const streamM = cum && cum.length > 0 ? cum[cum.length - 1]! : 0;
    if (cum && streamM > 0 && a.distanceM > 0) {
      if (Math.abs(streamM - a.distanceM) <= a.distanceM * STREAM_DISTANCE_MAX_DIFF) {
        const k = a.distanceM / streamM;
        cum = cum.map((m) => m * k);
      } else {
        facts.streamDistanceMismatch = { streamM: round(streamM, 0), activityM: round(a.distanceM, 0) };
        cum = null;
      }
    }
    facts.runBests = runBests(a, cum, t);
  }
  return facts;
}

function runBests(a: DeriveFactsInput, cumDist: Float64Array | null, t: number[]): DerivedFacts['runBests'] {
  const out: DerivedFacts['runBests'] = {};
  const covered = cumDist && cumDist.length > 1 ? cumDist[cumDist.length - 1]! - cumDist[0]! : 0;
  for (const d of RUN_PB_DISTANCES) {
    const key = runBestKey(d);
    let provider: BestEffort | null = null;
    for (const e of a.bestEfforts) {
      if (Math.abs(e.distanceM - d) <= d * PROVIDER_MATCH && e.elapsedS > 0 && (!provider || e.elapsedS < provider.elapsedS)) provider = e;
    }
    if (provider) {
      out[key] = { timeS: provider.elapsedS, startOffsetS: provider.startOffsetS ?? null, from: 'provider' };
      continue;
    }
    const segment = cumDist ? fastestSegment(t, cumDist, d) : null;
    if (segment) {
      out[key] = { timeS: round(segment.timeS, 1), startOffsetS: round(segment.startOffsetS, 1), from: 'stream' };
    } else if (cumDist && covered > 0 && covered >= d * (1 - PB_DISTANCE_TOLERANCE)) {
      // A hair short of the distance: the whole recording, from the last still sample at the start to
      // the first at full distance, is the effort (a race's own clock time, not pro-rated up).
      const whole = movingSpan(t, cumDist);
      out[key] = { timeS: round(whole.timeS, 1), startOffsetS: round(whole.startOffsetS, 1), from: 'whole' };
    } else if (!cumDist && a.distanceM >= d * (1 - PB_DISTANCE_TOLERANCE) && a.distanceM <= d * WHOLE_MAX_OVER && a.movingTimeS > 0) {
      // No usable stream: the moving time, pro-rated down when the run was longer than the distance.
      out[key] = { timeS: round((a.movingTimeS * Math.min(a.distanceM, d)) / a.distanceM, 1), startOffsetS: null, from: 'whole' };
    }
  }
  return out;
}

/** From the last sample still at the starting distance to the first at the final distance. */
function movingSpan(t: number[], cumDist: Float64Array): { timeS: number; startOffsetS: number } {
  const n = Math.min(t.length, cumDist.length);
  let i = 0;
  while (i + 1 < n && cumDist[i + 1]! <= cumDist[0]!) i++;
  let j = n - 1;
  while (j > i && cumDist[j - 1]! >= cumDist[n - 1]!) j--;
  return { timeS: t[j]! - t[i]!, startOffsetS: t[i]! };
}
