// Heart-rate computations: Pa:HR decoupling, speed at a fixed HR, peak held HR.

import { MOVING_SPEED_MPS, divided, pauseGapS, series } from './stream-grid.calc';

const FIXED_HR_BAND = 3;
const FIXED_HR_MIN_S = 300;
const DECOUPLING_MIN_S = 20 * 60;

// Inputs are 'gap' grids: pauses are left out rather than counted as zero output.
export function decouplingOf(hr: Float64Array, output: Float64Array): number | null {
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

export function speedAtHr(hr: Float64Array, speedMps: Float64Array, fixedHr: number): number | null {
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
export function peakHeld(hr: Float64Array, holdS: number): number | null {
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
