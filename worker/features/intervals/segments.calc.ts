// The first cut of a session into hard and easy runs (README.md, "Detection"): hysteresis around the two
// levels' threshold, short runs merged into their neighbours, boundaries moved to the sharpest step; and each
// run's measures, which the rep merges (rep-merge.calc.ts) and the structure checks (detect.calc.ts) read. Pure.
import type { Basis, Grid } from './series.calc';

/** A rep shorter than this is a surge, a stride or noise (s). */
export const MIN_WORK_S = 30;
/** An easing shorter than this inside a rep is a corner, a light or noise (s). */
export const MIN_EASY_S = 15;

export interface Run {
  hard: boolean;
  start: number;
  end: number;
}

/** Hard from where the smoothed value rises above threshold + h, easy again below threshold − h; stops are easy. */
export function hysteresis(x: Float64Array, moving: Uint8Array, threshold: number, h: number): Run[] {
  const runs: Run[] = [];
  let hard = moving[0] === 1 && x[0]! >= threshold;
  let start = 0;
  for (let i = 1; i < x.length; i++) {
    const next = hard ? moving[i] === 1 && x[i]! >= threshold - h : moving[i] === 1 && x[i]! >= threshold + h;
    if (next !== hard) {
      runs.push({ hard, start, end: i });
      hard = next;
      start = i;
    }
  }
  runs.push({ hard, start, end: x.length });
  return runs;
}

/** The shortest run below its minimum joins its neighbours, again and again until every run is long enough. */
export function mergeShort(input: Run[]): Run[] {
  let runs = input;
  for (;;) {
    let worst = -1;
    for (let k = 0; k < runs.length; k++) {
      const r = runs[k]!;
      const len = r.end - r.start;
      if (len >= (r.hard ? MIN_WORK_S : MIN_EASY_S) || runs.length === 1) continue;
      if (worst < 0 || len < runs[worst]!.end - runs[worst]!.start) worst = k;
    }
    if (worst < 0) return runs;
    runs = joined(runs.map((r, k) => (k === worst ? { ...r, hard: !r.hard } : r)));
  }
}

/**
 * Each boundary moved to the sharpest step nearby in the lightly filtered series: the smoothing blurs
 * a rep's start and end by a few seconds, which a 60-s rep cannot spare.
 */
export function refine(runs: Run[], raw: Float64Array): Run[] {
  const out = runs.map((r) => ({ ...r }));
  for (let k = 1; k < out.length; k++) {
    const left = out[k - 1]!;
    const right = out[k]!;
    const L = Math.max(3, Math.min(8, (left.end - left.start) >> 1, (right.end - right.start) >> 1));
    const lo = Math.max(left.start + L, right.start - 10);
    const hi = Math.min(right.end - L, right.start + 10);
    const sign = right.hard ? 1 : -1;
    let best = right.start;
    let bestStep = Number.NEGATIVE_INFINITY;
    for (let j = lo; j <= hi; j++) {
      let before = 0;
      let after = 0;
      for (let m = 1; m <= L; m++) before += raw[j - m]!;
      for (let m = 0; m < L; m++) after += raw[j + m]!;
      const step = (sign * (after - before)) / L;
      if (step > bestStep) {
        bestStep = step;
        best = j;
      }
    }
    left.end = best;
    right.start = best;
  }
  return out;
}

/** The level a run was held at on the basis: speed over its moving time, power over all of it (coasting counts). */
export function levelOf(g: Grid, r: Run, basis: Basis): number {
  let sum = 0;
  let n = 0;
  for (let i = r.start; i < r.end; i++) {
    if (basis === 'speed' && !g.moving[i]) continue;
    sum += g.value[i]!;
    n++;
  }
  return n ? sum / n : 0;
}

/** A run's average heart rate over the seconds that have one, or null. */
export function hrOf(g: Grid, r: Run): number | null {
  if (!g.hr) return null;
  let sum = 0;
  let n = 0;
  for (let i = r.start; i < r.end; i++)
    if (!Number.isNaN(g.hr[i]!)) {
      sum += g.hr[i]!;
      n++;
    }
  return n ? sum / n : null;
}

/** Runs of the same kind next to each other become one. */
export function joined(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out.at(-1);
    if (last && last.hard === r.hard) last.end = r.end;
    else out.push({ ...r });
  }
  return out;
}

/** The seconds of the run spent moving. */
export function movingSeconds(g: Grid, r: Run): number {
  let n = 0;
  for (let i = r.start; i < r.end; i++) n += g.moving[i]!;
  return n;
}

/** The metres covered while moving (the grid's speed, one second at a time). */
export function distanceOf(g: Grid, r: Run): number {
  let d = 0;
  for (let i = r.start; i < r.end; i++) if (g.moving[i]) d += g.speed![i]!;
  return d;
}
