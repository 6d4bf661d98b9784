// Synthetic run recordings for the grade tests, built to look like real files: a runner holding a
// steady effort over a known terrain (so the true grade-adjusted speed is known exactly), recorded at
// 1 s or with "smart recording" gaps, with GPS altitude noise and a few altitude spikes.

import type { ActivityStreams } from '../../activities';
import { minettiCost } from './grade.calc';
import { mulberry32 } from '../../../lib/random';

/** 0, 1, … n − 1: a 1-Hz time axis. */
export const seconds = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
/** n samples of the value v. */
export const filled = (n: number, v: number): number[] => new Array<number>(n).fill(v);
/** n samples, the one at second s being f(s). */
export const by = (n: number, f: (s: number) => number): number[] => Array.from({ length: n }, (_, s) => f(s));

/** Seeded uniform numbers in [0, 1): the same seed, the same data on every run. */
export const prng = mulberry32;

export interface SyntheticRun {
  streams: ActivityStreams;
  /** Distance by the simulation (what the watch would report), metres. */
  distanceM: number;
  /** Recording time, seconds. */
  durationS: number;
  /** Mean over seconds of speed · C(true grade)/C(0): what NGP should come out near. */
  trueGradeAdjustedMps: number;
  /** distance / time. */
  averageMps: number;
}

export interface SyntheticOptions {
  seed: number;
  durationS: number;
  /** Terrain altitude (m) at x metres of travel. */
  terrain: (x: number) => number;
  /** The runner's steady flat-equivalent speed (m/s): on a climb they slow so effort stays the same. */
  effortMps: number;
  /** Seconds between recorded samples: a number, or [min, max] for irregular smart recording. */
  sampleS: number | [number, number];
  /** Peak of the uniform white altitude noise (m), on top of a slow-wandering GPS bias of the same size. */
  noiseM: number;
  /** Altitude spikes: at which recorded sample (fraction of the run), how many samples, how high (m). */
  spikes?: { at: number; samples: number; heightM: number }[];
  /** Speed jitter, fraction (a runner's pace wanders a little second to second). */
  jitter?: number;
}

export function syntheticRun(o: SyntheticOptions): SyntheticRun {
  const rnd = prng(o.seed);
  // Simulate at 1 Hz: the truth, before recording.
  const xs: number[] = [0];
  const vs: number[] = [];
  let gapSum = 0;
  for (let s = 0; s < o.durationS; s++) {
    const x = xs[s]!;
    const grade = (o.terrain(x + 1) - o.terrain(x - 1)) / 2;
    const v = ((o.effortMps * minettiCost(0)) / minettiCost(grade)) * (1 + (o.jitter ?? 0.02) * (2 * rnd() - 1));
    vs.push(v);
    gapSum += (v * minettiCost(grade)) / minettiCost(0);
    xs.push(x + v);
  }
  vs.push(vs[vs.length - 1]!);
  // Record: sample times, speed (cm/s, rounded like real files) and noisy altitude (dm).
  const times: number[] = [];
  for (let t = 0; t <= o.durationS; ) {
    times.push(t);
    const step = typeof o.sampleS === 'number' ? o.sampleS : o.sampleS[0] + Math.floor(rnd() * (o.sampleS[1] - o.sampleS[0] + 1));
    t += step;
  }
  let bias = 0;
  const altitudeM = times.map((t) => {
    // GPS altitude error wanders slowly (a bias that drifts) plus per-fix jitter.
    bias = Math.max(-o.noiseM, Math.min(o.noiseM, bias + (2 * rnd() - 1) * o.noiseM * 0.3));
    return o.terrain(xs[t]!) + bias + (2 * rnd() - 1) * o.noiseM;
  });
  for (const sp of o.spikes ?? []) {
    const i0 = Math.floor(sp.at * times.length);
    for (let i = i0; i < Math.min(times.length, i0 + sp.samples); i++) altitudeM[i] = altitudeM[i]! + sp.heightM;
  }
  const streams: ActivityStreams = {
    t: times,
    speedCms: times.map((t) => Math.round(vs[t]! * 100)),
    altitudeDm: altitudeM.map((a) => Math.round(a * 10)),
  };
  const distanceM = xs[o.durationS]!;
  return { streams, distanceM, durationS: o.durationS, trueGradeAdjustedMps: gapSum / o.durationS, averageMps: distanceM / o.durationS };
}

/** Rolling hills: a 1-km swell of ±12 m with a 400-m ripple of ±5 m (grades up to about ±15 %). */
export const rollingHills = (x: number): number =>
  100 + 12 * Math.sin((2 * Math.PI * x) / 1000) + 5 * Math.sin((2 * Math.PI * x) / 400 + 1);

/** A long steady climb and descent: 2 km up at 6 %, 2 km down, repeated. */
export const longClimb = (x: number): number => {
  const p = ((x % 4000) + 4000) % 4000;
  return 200 + 0.06 * (p < 2000 ? p : 4000 - p);
};

export const flat = (): number => 50;

/** Spikes like the ones real files carry: a few samples hundreds of metres off, up and down. */
export const TYPICAL_SPIKES = [
  { at: 0.13, samples: 1, heightM: 380 },
  { at: 0.41, samples: 3, heightM: -250 },
  { at: 0.66, samples: 1, heightM: 900 },
  { at: 0.87, samples: 2, heightM: 150 },
];
