// Work and recovery segments of a structured session, found in its per-second streams (rules and
// figures in README.md). Pure. A session whose streams show no clear two-level structure — a steady
// run, a hilly ride, a race — gets null: nothing is invented.
import type { ActivityStreams } from '../../db/schema/activity-columns';
import { withoutFalseRecoveries, withoutMinorWork, withoutPausesInReps } from './rep-merge.calc';
import { distanceOf, hrOf, hysteresis, levelOf, MIN_WORK_S, mergeShort, movingSeconds, refine, type Run } from './segments.calc';
import { type Basis, basisFor, type Grid, movingMean, otsu, runningMedian, toGrid } from './series.calc';

export type SegmentKind = 'warmup' | 'work' | 'recovery' | 'cooldown';

export interface IntervalSegment {
  kind: SegmentKind;
  /** Seconds from the activity's start (the streams' `t`), end exclusive. */
  startS: number;
  endS: number;
  /** Elapsed seconds. */
  durationS: number;
  /** Seconds of it moving (stops and pauses left out). */
  movingS: number;
  /** Metres, from the speed stream; null without one. */
  distanceM: number | null;
  /** Distance over moving time (m/s); null without speed. */
  avgSpeedMps: number | null;
  /** Mean power over the elapsed time, coasting included (W); null without power. */
  avgPower: number | null;
  avgHr: number | null;
  maxHr: number | null;
}

export interface IntervalDetection {
  basis: Basis;
  /** The whole activity in order: warm-up, work and recovery alternating, cool-down. */
  segments: IntervalSegment[];
  /** How many work segments. */
  reps: number;
}

/** The detector's settings per basis (README.md says why each is what it is). */
const TUNING: Record<Basis, { smooth: number; minContrast: number }> = {
  // GPS speed is noisy second to second: 5-s median, then a 9-s mean.
  speed: { smooth: 9, minContrast: 1.15 },
  // Power swings with every pedal stroke and coasting; a 10-s mean is what efforts are read at.
  power: { smooth: 11, minContrast: 1.25 },
};
/** A lone block of work must last this long to be a session's structure (a tempo), s. */
export const MIN_SINGLE_WORK_S = 8 * 60;
/** A rep's level at least this share of the athlete's threshold (tempo effort: Z3 starts near here). */
const MIN_WORK_INTENSITY: Record<Basis, number> = { speed: 0.8, power: 0.75 };
/** Easy parts this much faster than the hard parts are coasting downhill. */
const DESCENT_SPEED_RATIO = 1.25;
/** Fast parts that lose this much height per metre are descents (2 %). */
const DESCENT_GRADE = 0.02;
/** Work raises the heart rate: its average at least this far above the easy parts' (bpm). */
const MIN_HR_RISE = 4;
/** Most time spent near the threshold means one broad level, not two (share of moving time). */
const MAX_TRANSITION_SHARE = 0.2;
/** Reps that fill more of the session than this are the session itself (a race, a steady run with stops). */
const MAX_WORK_SHARE = 0.85;
/** Reps whose lengths (time or distance) spread more than this are terrain or traffic, not a set (coefficient of variation). */
const MAX_REP_SPREAD = 0.35;
/** Reps whose levels spread more than this are not one set either. */
const MAX_LEVEL_SPREAD = 0.2;

/** The athlete's thresholds on the day, where known: a rep is work only at tempo effort or harder. */
export interface DetectionThresholds {
  /** Threshold speed (m/s): run threshold pace, or CSS for swims. */
  speedMps?: number | null;
  /** FTP (W). */
  powerW?: number | null;
}

export function detectIntervals(streams: ActivityStreams, sport: string, thresholds: DetectionThresholds = {}): IntervalDetection | null {
  const basis = basisFor(sport, streams);
  if (!basis || streams.t.length < 2) return null;
  const grid = toGrid(streams, basis);
  if (grid.n < 2 * MIN_WORK_S) return null;
  const raw = runningMedian(grid.value, 7);
  const smooth = movingMean(raw, TUNING[basis].smooth);

  const movingValues: number[] = [];
  for (let i = 0; i < grid.n; i++) if (grid.moving[i]) movingValues.push(smooth[i]!);
  const split = otsu(movingValues);
  if (!split || split.low <= 0 || split.high / split.low < TUNING[basis].minContrast) return null;
  // Two levels have little in between: a transition is a few seconds per rep.
  const band = 0.25 * (split.high - split.low);
  const near = movingValues.filter((v) => Math.abs(v - split.threshold) < band).length;
  if (near / movingValues.length > MAX_TRANSITION_SHARE) return null;

  const runs = withoutPausesInReps(
    refine(mergeShort(hysteresis(smooth, grid.moving, split.threshold, 0.1 * (split.high - split.low))), raw),
    grid,
  );
  // Bursts at the edges go first (a GPS jump at the start is no rep to merge with), then false recoveries
  // join their reps, then whatever minor bursts are left go.
  const structure = withoutMinorWork(withoutFalseRecoveries(withoutMinorWork(runs, true), grid, basis), false);
  if (!isStructure(structure, grid, basis)) return null;
  const threshold = basis === 'speed' ? thresholds.speedMps : thresholds.powerW;
  const work = structure.filter((r) => r.hard);
  // Below tempo effort it is an easy session's terrain, however regular (rolling hills, a group ride).
  if (threshold && work.reduce((a, r) => a + levelOf(grid, r, basis), 0) / work.length < MIN_WORK_INTENSITY[basis] * threshold) return null;
  if (terrainShaped(structure, grid, basis)) return null;
  const segments = structure.map((r, k) => summarise(grid, r, k === 0, k === structure.length - 1));
  return { basis, segments, reps: segments.filter((s) => s.kind === 'work').length };
}

/** A run's figures: moving time, distance, speed, power, heart rate. */
function summarise(g: Grid, r: Run, first: boolean, last: boolean): IntervalSegment {
  let movingS = 0;
  let dist = 0;
  let watts = 0;
  let hrSum = 0;
  let hrN = 0;
  let maxHr = 0;
  for (let i = r.start; i < r.end; i++) {
    if (g.moving[i]) movingS++;
    if (g.speed && g.moving[i]) dist += g.speed[i]!;
    if (g.power) watts += g.power[i]!;
    const bpm = g.hr?.[i];
    if (bpm !== undefined && !Number.isNaN(bpm)) {
      hrSum += bpm;
      hrN++;
      maxHr = Math.max(maxHr, bpm);
    }
  }
  const kind = r.hard ? 'work' : first ? 'warmup' : last ? 'cooldown' : 'recovery';
  return {
    kind,
    startS: g.t0 + r.start,
    endS: g.t0 + r.end,
    durationS: r.end - r.start,
    movingS,
    distanceM: g.speed ? dist : null,
    avgSpeedMps: g.speed && movingS > 0 ? dist / movingS : null,
    avgPower: g.power ? watts / (r.end - r.start) : null,
    avgHr: hrN ? hrSum / hrN : null,
    maxHr: hrN ? maxHr : null,
  };
}

const cv = (xs: number[]) => {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length);
  return mean > 0 ? sd / mean : 0;
};

/** Whether the runs are a session's structure rather than terrain, traffic or a race (README.md). */
function isStructure(runs: Run[], g: Grid, basis: Basis): boolean {
  const work = runs.filter((r) => r.hard);
  const easy = runs.filter((r) => !r.hard);
  if (work.length === 0 || easy.length === 0) return false;
  const weight = (r: Run) => (basis === 'speed' ? movingSeconds(g, r) : r.end - r.start);
  const level = (rs: Run[]) =>
    rs.reduce((a, r) => a + levelOf(g, r, basis) * weight(r), 0) /
    Math.max(
      1,
      rs.reduce((a, r) => a + weight(r), 0),
    );
  const workLevel = level(work);
  const easyLevel = level(easy);
  if (easyLevel > 0 && workLevel / easyLevel < TUNING[basis].minContrast) return false;
  const workTime = work.reduce((a, r) => a + r.end - r.start, 0);
  if (work.length === 1) {
    // A tempo: one long block with easy running or riding around it.
    return workTime >= MIN_SINGLE_WORK_S && g.n - workTime >= 5 * 60;
  }
  if (workTime / g.n > MAX_WORK_SHARE) return false;
  const durations = work.map((r) => r.end - r.start);
  const distances = g.speed ? work.map((r) => distanceOf(g, r)) : null;
  // A set repeats something: the reps' time or their distance.
  const even = cv(durations) <= MAX_REP_SPREAD || (distances !== null && cv(distances) <= MAX_REP_SPREAD);
  return even && cv(work.map((r) => levelOf(g, r, basis))) <= MAX_LEVEL_SPREAD;
}

/**
 * Whether the "structure" is the course's or the heart's refusal of it: easy parts ridden much faster
 * than the hard ones (coasting downhill), fast parts that are mostly descents, or a heart rate no higher
 * in the work than around it.
 */
function terrainShaped(runs: Run[], g: Grid, basis: Basis): boolean {
  const work = runs.filter((r) => r.hard);
  const easy = runs.filter((r) => !r.hard);
  const sum = (rs: Run[], f: (r: Run) => number) => rs.reduce((a, r) => a + f(r), 0);
  if (basis === 'power' && g.speed) {
    const speed = (rs: Run[]) =>
      sum(rs, (r) => distanceOf(g, r)) /
      Math.max(
        1,
        sum(rs, (r) => movingSeconds(g, r)),
      );
    if (speed(easy) > DESCENT_SPEED_RATIO * speed(work)) return true;
  }
  if (basis === 'speed' && g.altitude) {
    const drop = sum(work, (r) => g.altitude![r.start]! - g.altitude![r.end - 1]!);
    if (drop > DESCENT_GRADE * sum(work, (r) => distanceOf(g, r))) return true;
  }
  const hr = (rs: Run[]) => {
    let total = 0;
    let n = 0;
    for (const r of rs) {
      const h = hrOf(g, r);
      if (h === null) continue;
      total += h * (r.end - r.start);
      n += r.end - r.start;
    }
    return n ? total / n : null;
  };
  const [hrWork, hrEasy] = [hr(work), hr(easy)];
  return hrWork !== null && hrEasy !== null && hrWork < hrEasy + MIN_HR_RISE;
}
