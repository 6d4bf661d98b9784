// Normalized power and its running counterpart, normalized graded speed: one recipe, two outputs.

import { gradedFromSamples } from './grade.calc';
import { divided, pauseGapS, series } from './stream-grid.calc';

const NP_WINDOW_S = 30;

// Coggan's normalisation: 30-s rolling mean, then the 4th root of the mean 4th power.
export function normalized(x: Float64Array): number | null {
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

/** A 1-Hz grid's recorded seconds, pauses (NaN) left out: a paused device's stop is not riding at 0 W. */
export function recordedSeconds(grid: Float64Array): Float64Array {
  return grid.filter((v) => !Number.isNaN(v));
}

/**
 * Coggan normalized power over the recorded seconds (30-s rolling mean, 4th-power mean): pauses are left
 * out, as Garmin and TrainingPeaks count it, not filled with 0 W (ADR 032). Null under 30 s.
 */
export function normalizedPower(t: number[], power: number[]): number | null {
  return normalized(recordedSeconds(series(t, power, 'gap', pauseGapS(t))));
}

/** Normalized graded speed (m/s): NP's recipe applied to grade-adjusted speed (plain speed without altitude); null under 30 s. */
export function normalizedGradedSpeed(t: number[], speedCms: number[], altitudeDm?: number[]): number | null {
  const gap = pauseGapS(t);
  const speed = divided(series(t, speedCms, 'zero', gap), 100);
  return normalized(altitudeDm ? gradedFromSamples(t, speed, altitudeDm, gap) : speed);
}
