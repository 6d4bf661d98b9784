// Generated activities for the leaderboard and achievement tests: clean recordings of several kinds, and
// the cheats of the domain reference planted among them. Deterministic for a seed.
import type { ActivitySource, Sport } from '../activities';
import type { BoardActivity } from './leaderboard-eligibility';
import { prng } from './privacy-attack.testing';

export interface RecordingShape {
  sport: Sport;
  /** Mean moving speed, m/s. */
  speed: number;
  durationS: number;
  /** Seconds between samples: a number, or 'smart' (a Garmin's 1–7 s smart recording). */
  every: number | 'smart';
  /** How much speed wanders around its mean (relative sd of a slow AR(1) wander). */
  wander?: number;
  /** Per-step GPS distance noise, metres (0: a device's own smooth distance). */
  gpsNoiseM?: number;
  positions?: boolean;
}

/** Sample times and cumulative distances of one recording. */
export function recording(seed: number, shape: RecordingShape): { t: number[]; distanceM: number[]; positions: boolean } {
  const r = prng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const t = [0];
  const distanceM = [0];
  let wander = 0;
  let now = 0;
  let d = 0;
  const rho = Math.exp(-1 / 60);
  const sd = shape.wander ?? 0.08;
  while (now < shape.durationS) {
    const step = shape.every === 'smart' ? 1 + Math.floor(r() * 7) : shape.every;
    for (let k = 0; k < step; k++) wander = rho * wander + sd * Math.sqrt(1 - rho * rho) * gauss();
    now += step;
    d += Math.max(0, shape.speed * (1 + wander) * step + (shape.gpsNoiseM ?? 1.5) * gauss());
    t.push(now);
    distanceM.push(d);
  }
  return { t, distanceM, positions: shape.positions ?? true };
}

let counter = 0;

/** A BoardActivity made from a recording (summary figures from its samples). */
export function boardActivity(
  athleteId: string,
  startTime: Date,
  shape: RecordingShape,
  over: Partial<BoardActivity> & { seed?: number } = {},
): BoardActivity {
  const samples = recording(over.seed ?? ++counter, shape);
  const { seed: _seed, ...rest } = over;
  return {
    id: `act-${++counter}`,
    athleteId,
    source: 'fit_upload' as ActivitySource,
    sport: shape.sport,
    startTime,
    elapsedTimeS: samples.t.at(-1)!,
    movingTimeS: samples.t.at(-1)!,
    distanceM: samples.distanceM.at(-1)!,
    duplicateOf: null,
    detailComplete: true,
    createdAt: new Date(startTime.getTime() + 3_600_000),
    dataQuality: [],
    samples,
    ...rest,
  };
}

/** The clean kinds: easy and fast runs, intervals, trail hikes, road rides with descents, indoor sessions, smart recording. */
export const CLEAN_SHAPES: readonly RecordingShape[] = [
  { sport: 'run', speed: 2.9, durationS: 3600, every: 1 },
  { sport: 'run', speed: 4.6, durationS: 1800, every: 1, wander: 0.12 },
  { sport: 'run', speed: 3.3, durationS: 4200, every: 'smart' },
  { sport: 'run', speed: 2.7, durationS: 2700, every: 1, wander: 0, gpsNoiseM: 0.3, positions: false }, // treadmill
  { sport: 'walk', speed: 1.4, durationS: 3000, every: 'smart' },
  { sport: 'hike', speed: 1.1, durationS: 7200, every: 'smart', wander: 0.25 },
  { sport: 'ride', speed: 8.5, durationS: 7200, every: 1, wander: 0.3 },
  { sport: 'ride', speed: 11, durationS: 5400, every: 'smart', wander: 0.25, gpsNoiseM: 3 },
  { sport: 'ride', speed: 9.5, durationS: 3600, every: 1, wander: 0.02, gpsNoiseM: 0.1, positions: false }, // trainer
  { sport: 'swim', speed: 1.0, durationS: 2400, every: 1, wander: 0.15, gpsNoiseM: 2 },
];
