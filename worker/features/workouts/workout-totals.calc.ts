// A workout's totals from its steps and the athlete's thresholds (ADR 055): time, distance and planned
// load on analytics' scale (ADR 007: hours · IF² · 100, swims IF³), so a plan's generated workouts total
// exactly their stored load. IF is the middle of the step's target; a ramp counts the mean of IF² over
// its climb. What had to be assumed (lap steps, distances without a pace, thresholds not given) is said.
import { isLap, type LegSport, type Workout, type WorkoutNode, type WorkoutStep, type WorkoutTarget } from './workout.types';

export interface Thresholds {
  ftpW?: number | null;
  /** Running threshold pace, seconds per km. */
  thresholdPaceSecPerKm?: number | null;
  /** Swimming critical speed as a pace, seconds per 100 m. */
  cssSecPer100m?: number | null;
  lthrBpm?: number | null;
}
export type ThresholdName = 'ftpW' | 'thresholdPaceSecPerKm' | 'cssSecPer100m' | 'lthrBpm';

/** How long a lap-button step is counted: its end is the athlete's, so totals take a typical 5 minutes. */
export const LAP_STEP_SEC = 300;

export interface WorkoutTotals {
  durationSec: number;
  distanceM: number;
  load: number;
  /** Lap-button steps done (repeats counted), each taken as LAP_STEP_SEC. */
  lapSteps: number;
  /** Distance steps timed at threshold pace by their intensity, or an easy pace, for want of a pace target. */
  assumedPaceSteps: number;
  /** Distance steps nothing could time (a ride's, or no threshold pace): counted as no time. */
  untimedSteps: number;
  /** Thresholds the targets needed and were not given (those steps at the sport's hourly rate). */
  missing: ThresholdName[];
}

/** Zone bands as fractions of threshold: the plan generator's (ADR 016), power with Coggan's Z6–Z7. */
export const ZONE_BANDS: Record<LegSport, Record<number, [number, number]>> = {
  run: { 1: [0.65, 0.75], 2: [0.75, 0.85], 3: [0.85, 0.93], 4: [0.93, 1.01], 5: [1.01, 1.12] },
  bike: { 1: [0.45, 0.55], 2: [0.56, 0.75], 3: [0.76, 0.9], 4: [0.91, 1.05], 5: [1.06, 1.2], 6: [1.21, 1.5], 7: [1.51, 2] },
  swim: { 1: [0.78, 0.85], 2: [0.85, 0.92], 3: [0.92, 0.97], 4: [0.97, 1.03], 5: [1.03, 1.08] },
};
/** Analytics' load per hour when nothing says how hard (ADR 007), and its exponent on IF. */
export const LOAD_PER_HOUR = { run: 60, bike: 50, swim: 55, strength: 40 } as const;
export const IF_EXPONENT: Record<LegSport, number> = { run: 2, bike: 2, swim: 3 };
/** A distance step with no intensity to read is run or swum at this fraction of threshold speed. */
const EASY = 0.75;

const mid = (lo: number, hi: number) => (lo + hi) / 2;
/** Mean of x^n while x moves evenly from a to b. */
const meanPow = (a: number, b: number, n: number) => (a === b ? a ** n : (b ** (n + 1) - a ** (n + 1)) / ((n + 1) * (b - a)));

interface Reading {
  leg: LegSport | 'strength' | 'rest';
  /** IF at the start and end of the step (equal unless a ramp); null: not readable. */
  ifs: [number, number] | null;
  /** Seconds per km the target holds the step at (middle), when it is a pace. */
  pace: number | null;
}

function legOf(w: Workout, s: WorkoutStep): Reading['leg'] {
  if (s.sport) return s.sport;
  if (w.sport === 'brick') return s.target?.metric === 'power' ? 'bike' : 'run';
  return w.sport;
}

function read(s: WorkoutStep, leg: LegSport, th: Thresholds, missing: Set<ThresholdName>): Omit<Reading, 'leg'> {
  const t: WorkoutTarget | null = s.target;
  const thrPace = leg === 'swim' ? (th.cssSecPer100m ? th.cssSecPer100m * 10 : null) : (th.thresholdPaceSecPerKm ?? null);
  const paceName: ThresholdName = leg === 'swim' ? 'cssSecPer100m' : 'thresholdPaceSecPerKm';
  const need = (name: ThresholdName, v: number | null | undefined): v is number => {
    if (v) return true;
    missing.add(name);
    return false;
  };
  if (!t || t.metric === 'rpe') return { ifs: null, pace: null };
  const ends = (f: (x: number) => number, lo: number, hi: number): [number, number] =>
    s.ramp ? [f(lo), f(hi)] : [f(mid(lo, hi)), f(mid(lo, hi))];
  if ('unit' in t) {
    if (t.unit === 'W') return { ifs: need('ftpW', th.ftpW) ? ends((w) => w / th.ftpW!, t.low, t.high) : null, pace: null };
    if (t.unit === 'bpm') return { ifs: need('lthrBpm', th.lthrBpm) ? ends((b) => b / th.lthrBpm!, t.low, t.high) : null, pace: null };
    const perKm = t.unit === 's/100m' ? 10 : 1;
    const pace = mid(t.low, t.high) * perKm;
    return { ifs: need(paceName, thrPace) ? ends((p) => thrPace! / (p * perKm), t.low, t.high) : null, pace };
  }
  const [lo, hi] = 'low' in t ? [t.low, t.high] : (ZONE_BANDS[leg][t.zone] ?? ZONE_BANDS.bike[t.zone]!);
  const ifs = ends((x) => x, lo, hi);
  // A fraction of threshold speed holds a pace only with the threshold to take it of.
  const pace = t.metric === 'pace' && thrPace ? thrPace / mid(lo, hi) : null;
  if (t.metric === 'pace' && s.distanceM !== null) need(paceName, thrPace);
  return { ifs, pace };
}

/** Time, distance and planned load of `w` for an athlete with thresholds `th`. */
export function workoutTotals(w: Workout, th: Thresholds = {}): WorkoutTotals {
  const missing = new Set<ThresholdName>();
  const out = { durationSec: 0, distanceM: 0, load: 0, lapSteps: 0, assumedPaceSteps: 0, untimedSteps: 0 };
  const step = (s: WorkoutStep, times: number) => {
    const leg = legOf(w, s);
    const endurance = leg === 'run' || leg === 'bike' || leg === 'swim';
    const r = endurance ? read(s, leg, th, missing) : { ifs: null, pace: null };
    let sec = s.durationSec ?? 0;
    if (isLap(s)) {
      sec = LAP_STEP_SEC;
      out.lapSteps += times; // an assumed time, but no distance: where it ends is the athlete's
    } else if (s.distanceM !== null) {
      const thrPace = leg === 'swim' ? (th.cssSecPer100m ?? 0) * 10 : leg === 'run' ? (th.thresholdPaceSecPerKm ?? 0) : 0;
      const pace = r.pace ?? (thrPace ? thrPace / (r.ifs ? mid(...r.ifs) : EASY) : null);
      if (r.pace === null && pace !== null) out.assumedPaceSteps += times;
      if (pace === null) out.untimedSteps += times;
      sec = pace === null ? 0 : (s.distanceM / 1000) * pace;
      out.distanceM += s.distanceM * times;
    } else if (r.pace !== null) out.distanceM += (sec / r.pace) * 1000 * times;
    out.durationSec += sec * times;
    const hours = sec / 3600;
    if (leg === 'rest') return;
    if (!endurance) out.load += hours * LOAD_PER_HOUR.strength * times;
    else if (r.ifs) out.load += hours * meanPow(r.ifs[0], r.ifs[1], IF_EXPONENT[leg]) * 100 * times;
    else out.load += hours * LOAD_PER_HOUR[leg] * times;
  };
  const walk = (nodes: WorkoutNode[], times: number) => {
    for (const n of nodes) n.kind === 'repeat' ? walk(n.steps, times * n.count) : step(n, times);
  };
  walk(w.steps, 1);
  return {
    durationSec: Math.round(out.durationSec),
    distanceM: Math.round(out.distanceM),
    load: Math.round(out.load * 10) / 10,
    lapSteps: out.lapSteps,
    assumedPaceSteps: out.assumedPaceSteps,
    untimedSteps: out.untimedSteps,
    missing: [...missing].sort(),
  };
}
