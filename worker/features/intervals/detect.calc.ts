// Work and recovery segments of a structured session, found in its per-second streams (rules and
// figures in README.md). Pure. A session whose streams show no clear two-level structure — a steady
// run, a hilly ride, a race — gets null: nothing is invented.
import type { ActivityStreams } from '../../db/schema/activity-columns';
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
/** A rep shorter than this is a surge, a stride or noise (s). */
export const MIN_WORK_S = 30;
/** An easing shorter than this inside a rep is a corner, a light or noise (s). */
export const MIN_EASY_S = 15;
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
/** An easing held at this share of the reps' level (or this, with the heart rate still up) is part of the rep. */
const FALSE_RECOVERY_RATIO = 0.8;
const FALSE_RECOVERY_RATIO_HR = 0.65;
/** Two pieces of work either side of a stop are one paused rep when together they measure the set's rep within this share… */
const PAUSED_REP_MATCH = 0.12;
/** …and neither alone reaches this share of it. */
const PAUSED_PIECE_SHARE = 0.8;
/** A burst shorter than this share of the longest rep is a stride or a glitch beside the set. */
const MINOR_WORK_SHARE = 0.25;
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

interface Run {
  hard: boolean;
  start: number;
  end: number;
}

/** Hard from where the smoothed value rises above threshold + h, easy again below threshold − h; stops are easy. */
function hysteresis(x: Float64Array, moving: Uint8Array, threshold: number, h: number): Run[] {
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
function mergeShort(input: Run[]): Run[] {
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
function refine(runs: Run[], raw: Float64Array): Run[] {
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

/** The level a run was held at on the basis: speed over its moving time, power over all of it (coasting counts). */
function levelOf(g: Grid, r: Run, basis: Basis): number {
  let sum = 0;
  let n = 0;
  for (let i = r.start; i < r.end; i++) {
    if (basis === 'speed' && !g.moving[i]) continue;
    sum += g.value[i]!;
    n++;
  }
  return n ? sum / n : 0;
}

function hrOf(g: Grid, r: Run): number | null {
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
function joined(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const r of runs) {
    const last = out.at(-1);
    if (last && last.hard === r.hard) last.end = r.end;
    else out.push({ ...r });
  }
  return out;
}

/**
 * An easing between two reps that is no recovery: barely slower than the reps (a GPS dropout, a hill,
 * a tight bend), or somewhat slower while the heart rate did not come down at all. It stays part of the rep.
 */
function withoutFalseRecoveries(runs: Run[], g: Grid, basis: Basis): Run[] {
  const out = runs.map((r, k) => {
    const before = runs[k - 1];
    const after = runs[k + 1];
    if (r.hard || !before || !after) return r;
    const work = (levelOf(g, before, basis) + levelOf(g, after, basis)) / 2;
    const ratio = work > 0 ? levelOf(g, r, basis) / work : 0;
    return ratio >= FALSE_RECOVERY_RATIO || (ratio >= FALSE_RECOVERY_RATIO_HR && heartStayedUp(g, r)) ? { ...r, hard: true } : r;
  });
  return joined(out);
}

/**
 * A stop inside a rep (a light, a shoelace, lapped runners) is a pause, not a recovery: an easy run
 * (nearly) all stopped between two pieces of work that are each short of the set's rep but together measure
 * it (distance where there is speed, else moving time) makes one rep again. The set's rep is the median
 * of the pieces that border no stop, so a standing-recovery set (every easy run a stop) is left alone,
 * as is a stop between two whole reps (together they measure two).
 */
function withoutPausesInReps(runs: Run[], g: Grid): Run[] {
  // Mostly stopped: the seconds slowing into it and setting off again may still read as moving.
  const stopped = (r: Run | undefined) => r !== undefined && !r.hard && movingSeconds(g, r) <= 0.1 * (r.end - r.start);
  const measure = (r: Run) => (g.speed ? distanceOf(g, r) : movingSeconds(g, r));
  const whole = runs.filter((r, k) => r.hard && !stopped(runs[k - 1]) && !stopped(runs[k + 1])).map(measure);
  if (whole.length === 0) return runs;
  const rep = median(whole);
  const out = runs.map((r) => ({ ...r }));
  for (let k = 1; k < runs.length - 1; k++) {
    const [before, after] = [runs[k - 1]!, runs[k + 1]!];
    if (!stopped(runs[k]) || !before.hard || !after.hard) continue;
    const [a, b] = [measure(before), measure(after)];
    if (a < PAUSED_PIECE_SHARE * rep && b < PAUSED_PIECE_SHARE * rep && Math.abs(a + b - rep) <= PAUSED_REP_MATCH * rep)
      out[k]!.hard = true;
  }
  return joined(out);
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Whether the heart rate at a run's end is no lower than at its start (it falls within seconds of easing off). */
function heartStayedUp(g: Grid, r: Run): boolean {
  const w = Math.max(3, Math.min(10, Math.floor((r.end - r.start) / 3)));
  const start = hrOf(g, { hard: false, start: r.start, end: r.start + w });
  const end = hrOf(g, { hard: false, start: r.end - w, end: r.end });
  return start !== null && end !== null && end >= start - 2;
}

/** Short bursts beside the main set (strides in the warm-up, a GPS jump at the start) are not reps; `edges`: only the first and last. */
function withoutMinorWork(runs: Run[], edges: boolean): Run[] {
  const work = runs.filter((r) => r.hard);
  const longest = Math.max(0, ...work.map((r) => r.end - r.start));
  const minor = (r: Run) => r.hard && r.end - r.start < MINOR_WORK_SHARE * longest && (!edges || r === work[0] || r === work.at(-1));
  return joined(runs.map((r) => (minor(r) ? { ...r, hard: false } : r)));
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

function movingSeconds(g: Grid, r: Run): number {
  let n = 0;
  for (let i = r.start; i < r.end; i++) n += g.moving[i]!;
  return n;
}

function distanceOf(g: Grid, r: Run): number {
  let d = 0;
  for (let i = r.start; i < r.end; i++) if (g.moving[i]) d += g.speed![i]!;
  return d;
}
