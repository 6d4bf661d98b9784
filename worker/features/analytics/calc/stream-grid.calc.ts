// The 1-Hz grid the stream computations share (best efforts, normalized power/graded speed, decoupling,
// `DerivedFacts`). Everything is O(n) over a 1-Hz grid built once per channel.

// A sample interval longer than this is a pause (auto-pause, stop), not slow or smart recording.
const MIN_PAUSE_GAP_S = 10;
// A time axis longer than a week is corrupt (milliseconds, epoch seconds): no grid rather than a huge one.
const MAX_SPAN_S = 7 * 24 * 3600;
// Below this a second counts as standing still (speed-at-HR and the run steadiness check).
export const MOVING_SPEED_MPS = 0.5;

type Fill = 'zero' | 'hold' | 'gap';

/** Pause threshold for a time axis: 10 s, or 4× the median interval for files sampled sparser than ~2.5 s. */
export function pauseGapS(t: ArrayLike<number>): number {
  const median = medianIntervalS(t);
  return median === null ? MIN_PAUSE_GAP_S : Math.max(MIN_PAUSE_GAP_S, 4 * median);
}

export function medianIntervalS(t: ArrayLike<number>): number | null {
  const dts: number[] = [];
  for (let i = 1; i < t.length; i++) {
    const dt = t[i]! - t[i - 1]!;
    if (dt > 0) dts.push(dt);
  }
  if (dts.length === 0) return null;
  const sorted = Float64Array.from(dts).sort();
  return sorted[sorted.length >> 1]!;
}

export const finite = (v: number | undefined): number => (v !== undefined && Number.isFinite(v) ? v : 0);

/** 1-Hz grid over seconds 0..floor(last t): linear between samples, and inside pauses 0, the last value, or NaN ('gap'). */
export function series(t: ArrayLike<number>, values: ArrayLike<number>, fill: Fill, gap: number): Float64Array {
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

/** Spans [from, to) of seconds a sensor sent nothing (ActivityStreams `missing`). */
export type LostSpans = readonly (readonly [from: number, to: number])[];

/**
 * The grid with a lost sensor's seconds marked NaN (no reading), in place: the stored stream holds its last reading
 * there for the charts, and a held reading is not a measurement (ADR 063, "A lost sensor").
 */
export function lost(grid: Float64Array, spans: LostSpans | undefined): Float64Array {
  for (const [from, to] of spans ?? []) grid.fill(NaN, Math.max(0, from), Math.min(grid.length, to));
  return grid;
}

// Division, not × 0.01: 300 cm/s must become exactly 3 m/s.
export const divided = (x: Float64Array, k: number): Float64Array => x.map((v) => v / k);
export const zeroed = (x: Float64Array): Float64Array => x.map((v) => (Number.isNaN(v) ? 0 : v));

/** Values at each whole second 0..last; across pauses 0 (power, speed: nothing produced) or the last value held (HR, altitude). */
export function resample1Hz(t: number[], values: number[], fill: 'zero' | 'hold'): number[] {
  return Array.from(series(t, values, fill, pauseGapS(t)));
}

export function cumulative(t: ArrayLike<number>, speedCms: ArrayLike<number>, gap: number): Float64Array {
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

export const lerp = (a: number, b: number, f: number): number => a + (b - a) * f;
