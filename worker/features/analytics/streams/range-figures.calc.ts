// The figures of a stretch of an activity, computed exactly from the full-resolution streams: what the
// page shows for the whole activity, for a range the athlete zooms to, and for each split.
//
// Averages are over the 1-Hz grid (each second counts once, whatever the recording rate; pauses count
// nothing); maxima are the recorded samples inside the range. Speed is distance over moving time (the
// seconds faster than 0.5 m/s), as pace is read; cadence averages its non-zero seconds (coasting and
// standing are not a cadence). Normalised power is Coggan's over the recorded seconds (a paused device's
// stop is not 0 W, as Garmin and TrainingPeaks count it); HR drift is Pa:HR decoupling, first half against second half (calc/heart-rate.calc.ts).

import { decouplingOf } from '../calc/heart-rate.calc';
import { normalized, recordedSeconds } from '../calc/normalized.calc';
import { MOVING_SPEED_MPS } from '../calc/stream-grid.calc';
import { type ActivityTrack, type Channel, distanceAt, indexAt } from './activity-track.calc';

// Elevation counts once the altitude has moved this far from the last turning point (as imports do).
export const CLIMB_HYSTERESIS_M = 2;

export interface Stat {
  avg: number | null;
  max: number | null;
}

export interface RangeFigures {
  from: number;
  to: number;
  elapsedS: number;
  /** Seconds moving (faster than 0.5 m/s); without speed, seconds recorded. */
  movingS: number;
  distanceM: number;
  speed: Stat | null;
  /** Grade-adjusted speed (runs with altitude): average over moving time, m/s. */
  gap: Stat | null;
  hr: Stat | null;
  power: (Stat & { normalized: number | null }) | null;
  cadence: Stat | null;
  altitude: { gainM: number; lossM: number; min: number; max: number } | null;
  /** Pa:HR decoupling in percent; null when the range has under 20 minutes of it. */
  decouplingPct: number | null;
}

export interface FigureOptions {
  /** Splits skip what needs a long stretch (normalised power's 30 s, decoupling's 20 min). */
  short?: boolean;
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Mean of a grid slice's finite values (optionally only those above `over`), and how many seconds counted. */
function gridMean(g: Float64Array, a: number, b: number, over = Number.NEGATIVE_INFINITY): { mean: number | null; count: number } {
  let sum = 0;
  let count = 0;
  for (let s = a; s <= b; s++) {
    const v = g[s]!;
    if (Number.isFinite(v) && v > over) {
      sum += v;
      count++;
    }
  }
  return { mean: count ? sum / count : null, count };
}

function sampleMax(track: ActivityTrack, ch: Channel, i0: number, i1: number): number | null {
  const v = track.values[ch];
  if (!v) return null;
  let best = Number.NEGATIVE_INFINITY;
  for (let i = i0; i < i1; i++) if (v[i]! > best) best = v[i]!;
  return Number.isFinite(best) ? round(best, 3) : null;
}

/** Gain and loss with hysteresis over the recorded altitude samples of the range. */
export function climb(alt: ArrayLike<number>, i0: number, i1: number): { gainM: number; lossM: number; min: number; max: number } | null {
  if (i1 <= i0) return null;
  let ref = alt[i0]!;
  let gain = 0;
  let loss = 0;
  let lo = ref;
  let hi = ref;
  for (let i = i0 + 1; i < i1; i++) {
    const a = alt[i]!;
    if (a < lo) lo = a;
    if (a > hi) hi = a;
    if (a - ref >= CLIMB_HYSTERESIS_M) {
      gain += a - ref;
      ref = a;
    } else if (ref - a >= CLIMB_HYSTERESIS_M) {
      loss += ref - a;
      ref = a;
    }
  }
  return { gainM: round(gain, 1), lossM: round(loss, 1), min: round(lo, 1), max: round(hi, 1) };
}

/** The figures of seconds `from`…`to` (clamped to the recording). */
export function rangeFigures(track: ActivityTrack, fromS: number, toS: number, opts: FigureOptions = {}): RangeFigures {
  const last = track.t[track.n - 1]!;
  const from = Math.max(0, Math.min(fromS, last));
  const to = Math.max(from, Math.min(toS, last));
  // Grid seconds [a, b] and samples [i0, i1) inside the range.
  const a = Math.ceil(from);
  const b = Math.floor(to);
  const i0 = indexAt(track.t, from);
  const i1 = indexAt(track.t, to + 1e-9);
  const g = track.grid;
  const distanceM = distanceAt(track, to) - distanceAt(track, from);

  // Time counts by the second ending at each grid point after the first: (a, b] holds b − a of them.
  let movingS: number;
  if (g.speed) movingS = gridMean(g.speed, a + 1, b, MOVING_SPEED_MPS).count;
  else {
    const any = g.hr ?? g.power ?? g.cadence;
    movingS = any ? gridMean(any, a + 1, b).count : Math.max(0, b - a);
  }

  const speed: Stat | null = g.speed
    ? { avg: movingS > 0 ? round(distanceM / movingS, 3) : null, max: sampleMax(track, 'speed', i0, i1) }
    : null;
  let gap: Stat | null = null;
  if (g.gap && g.speed) {
    let sum = 0;
    for (let s = a + 1; s <= b; s++) if (g.speed[s]! > MOVING_SPEED_MPS) sum += g.gap[s]!;
    gap = { avg: movingS > 0 ? round(sum / movingS, 3) : null, max: sampleMax(track, 'gap', i0, i1) };
  }
  const hrMean = g.hr ? gridMean(g.hr, a, b, 0).mean : null;
  const hr: Stat | null = g.hr ? { avg: hrMean === null ? null : round(hrMean, 1), max: sampleMax(track, 'hr', i0, i1) } : null;

  let power: RangeFigures['power'] = null;
  if (g.power) {
    const m = gridMean(g.power, a, b).mean;
    const np = opts.short ? null : normalized(recordedSeconds(g.power.subarray(a, b + 1)));
    power = { avg: m === null ? null : round(m, 1), max: sampleMax(track, 'power', i0, i1), normalized: np === null ? null : round(np, 1) };
  }
  const cadMean = g.cadence ? gridMean(g.cadence, a, b, 0).mean : null;
  const cadence: Stat | null = g.cadence
    ? { avg: cadMean === null ? null : round(cadMean, 1), max: sampleMax(track, 'cadence', i0, i1) }
    : null;
  const altitude = track.values.altitude ? climb(track.values.altitude, i0, i1) : null;

  let decouplingPct: number | null = null;
  if (!opts.short && g.hr) {
    // Runs relate heart rate to speed; rides to power where they have it.
    const output = track.sport === 'ride' && g.power ? g.power : g.speed;
    if (output) {
      const d = decouplingOf(g.hr.subarray(a, b + 1), output.subarray(a, b + 1));
      decouplingPct = d === null ? null : round(d, 1);
    }
  }
  return {
    from: round(from, 1),
    to: round(to, 1),
    elapsedS: round(to - from, 1),
    movingS,
    distanceM: round(distanceM, 1),
    speed,
    gap,
    hr,
    power,
    cadence,
    altitude,
    decouplingPct,
  };
}

/** The activity's stored summary: what the summary card, lists and totals show. */
export interface SummaryTotals {
  movingTimeS: number;
  distanceM: number;
  elevationGainM: number | null;
  avgHr: number | null;
  maxHr: number | null;
  avgPower: number | null;
}

/**
 * The whole activity's figures: its stored summary where it has a figure (the file's own session totals,
 * or the importer's, computed by the same rules as a range), the recording for the rest. One activity,
 * one set of numbers on every card of its page (ADR 032, issue 37).
 */
export function wholeFigures(track: ActivityTrack, totals: SummaryTotals): RangeFigures {
  const f = rangeFigures(track, 0, track.t[track.n - 1]!);
  const movingS = totals.movingTimeS > 0 ? totals.movingTimeS : f.movingS;
  const distanceM = totals.distanceM > 0 ? totals.distanceM : f.distanceM;
  const speedAvg = movingS > 0 && distanceM > 0 ? round(distanceM / movingS, 3) : (f.speed?.avg ?? null);
  const stat = (s: Stat | null, avg: number | null, max: number | null = null): Stat | null =>
    s ? { avg: avg ?? s.avg, max: max ?? s.max } : avg === null ? null : { avg, max };
  return {
    ...f,
    movingS,
    distanceM: round(distanceM, 1),
    speed: f.speed ? { avg: speedAvg, max: f.speed.max } : null,
    hr: stat(f.hr, totals.avgHr === null ? null : round(totals.avgHr, 1), totals.maxHr),
    power: f.power ? { ...f.power, avg: totals.avgPower === null ? f.power.avg : round(totals.avgPower, 1) } : null,
    altitude: f.altitude && totals.elevationGainM !== null ? { ...f.altitude, gainM: round(totals.elevationGainM, 1) } : f.altitude,
  };
}
