// An activity's streams laid on a one-second grid, and the filters the interval detector reads them
// through. Pure. Samples may be irregular (smart recording, a parser's stride) or jump over a stop
// (auto-pause): a short gap holds the last value, a long one is time stood still.
import type { ActivityStreams } from '../../db/schema/activity-columns';

/** What the detector segments by: pace for runs and swims, power for rides that recorded it. */
export type Basis = 'speed' | 'power';

export interface Grid {
  /** The streams' `t` of grid second 0. */
  t0: number;
  n: number;
  /** The basis per second (m/s or W); 0 while stopped. */
  value: Float64Array;
  /** 1 while moving: a sample covers the second and (speed) the athlete is not standing still. */
  moving: Uint8Array;
  /** m/s per second where the streams have speed (0 while stopped). */
  speed: Float64Array | null;
  /** W per second where the streams have power (0 while stopped). */
  power: Float64Array | null;
  /** bpm per second, NaN where no sample covers it. */
  hr: Float64Array | null;
  /** Metres above sea level per second where the streams have altitude (held through gaps). */
  altitude: Float64Array | null;
}

/** Below this a runner or rider is standing (m/s): GPS drift while waiting at a light reads 0.2–0.4. */
export const STANDING_MPS = 0.5;
/** Gaps up to this long (s) are a sparse recording, not a stop (Garmin's smart recording writes every 1–8 s). */
const HOLD_S = 10;
/** Longest activity read, in seconds: a day; anything longer is cut (the grid stays bounded). */
const MAX_SECONDS = 24 * 3600;

/** The basis the streams allow for a sport, or null when they carry neither speed nor power. */
export function basisFor(sport: string, s: ActivityStreams): Basis | null {
  const has = (xs: number[] | undefined) => !!xs && xs.some((v) => v > 0);
  if (sport === 'ride' && has(s.power)) return 'power';
  if (has(s.speedCms)) return 'speed';
  return has(s.power) ? 'power' : null;
}

/** The streams on a one-second grid, from their first sample to their last. */
export function toGrid(s: ActivityStreams, basis: Basis): Grid {
  const t = s.t;
  const t0 = t[0] ?? 0;
  const n = Math.max(0, Math.min(MAX_SECONDS, (t.at(-1) ?? t0) - t0 + 1));
  const gaps = t.slice(1).map((x, i) => x - t[i]!);
  // A stream thinned to every k-th second holds each value for k seconds, not 1.
  const hold = Math.max(HOLD_S, 3 * (median(gaps) ?? 1));
  const speed = s.speedCms ? new Float64Array(n) : null;
  const power = s.power ? new Float64Array(n) : null;
  const hr = s.hr ? new Float64Array(n).fill(Number.NaN) : null;
  const altitude = s.altitudeDm ? new Float64Array(n) : null;
  const covered = new Uint8Array(n);
  for (let j = 0; j < t.length; j++) {
    const from = t[j]! - t0;
    if (from < 0 || from >= n) continue;
    const next = j + 1 < t.length ? t[j + 1]! - t0 : from + 1;
    const to = Math.min(n, next - from <= hold ? next : from + 1);
    for (let i = from; i < to; i++) {
      covered[i] = 1;
      if (speed) speed[i] = (s.speedCms![j] ?? 0) / 100;
      if (power) power[i] = s.power![j] ?? 0;
      if (hr && (s.hr![j] ?? 0) > 0) hr[i] = s.hr![j]!;
    }
    // Altitude is read at the ends of segments: it carries across a stop, unlike speed and power.
    if (altitude) for (let i = from; i < Math.min(n, next); i++) altitude[i] = (s.altitudeDm![j] ?? 0) / 10;
  }
  const moving = new Uint8Array(n);
  for (let i = 0; i < n; i++) moving[i] = covered[i] && (!speed || speed[i]! >= STANDING_MPS || (power?.[i] ?? 0) > 0) ? 1 : 0;
  const source = basis === 'speed' ? speed : power;
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) value[i] = moving[i] ? Math.max(0, source?.[i] ?? 0) : 0;
  return { t0, n, value, moving, speed, power, hr, altitude };
}

export function median(xs: ArrayLike<number>): number | null {
  if (xs.length === 0) return null;
  const sorted = Array.from(xs).sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** A running median of odd width `w` (shorter at the ends): single-sample GPS spikes and power-meter dropouts go. */
export function runningMedian(x: Float64Array, w: number): Float64Array {
  const half = w >> 1;
  const out = new Float64Array(x.length);
  // The window kept sorted by insertion: a handful of values, no allocation per sample.
  const win = new Float64Array(w);
  for (let i = 0; i < x.length; i++) {
    let m = 0;
    for (let k = Math.max(0, i - half); k <= Math.min(x.length - 1, i + half); k++) {
      const v = x[k]!;
      let j = m++;
      while (j > 0 && win[j - 1]! > v) {
        win[j] = win[j - 1]!;
        j--;
      }
      win[j] = v;
    }
    out[i] = win[m >> 1]!;
  }
  return out;
}

/** A centred moving mean of width `w` (shorter at the ends). */
export function movingMean(x: Float64Array, w: number): Float64Array {
  const half = w >> 1;
  const prefix = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) prefix[i + 1] = prefix[i]! + x[i]!;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const a = Math.max(0, i - half);
    const b = Math.min(x.length, i + half + 1);
    out[i] = (prefix[b]! - prefix[a]!) / (b - a);
  }
  return out;
}

/**
 * Otsu's split of a sample into a low and a high class: the threshold that maximises the variance
 * between the classes, with both class means. Null for fewer than two distinct values.
 */
export function otsu(values: number[]): { threshold: number; low: number; high: number } | null {
  const v = [...values].sort((a, b) => a - b);
  if (v.length < 2 || v[0] === v.at(-1)) return null;
  const total = v.reduce((s, x) => s + x, 0);
  let best = { score: -1, threshold: 0, low: 0, high: 0 };
  let sumLow = 0;
  for (let k = 1; k < v.length; k++) {
    sumLow += v[k - 1]!;
    if (v[k] === v[k - 1]) continue;
    const low = sumLow / k;
    const high = (total - sumLow) / (v.length - k);
    const score = k * (v.length - k) * (high - low) ** 2;
    if (score > best.score) best = { score, threshold: (v[k - 1]! + v[k]!) / 2, low, high };
  }
  return { threshold: best.threshold, low: best.low, high: best.high };
}
