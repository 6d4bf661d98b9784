// A planned workout's steps against what the streams show was done: each planned rep paired with a
// detected work segment, judged by its length and by its target, with the calendar's bands and words
// (rules in README.md). Pure.
import { bandOf, type ComplianceBand, type Step, type StepNode, type Target } from '../plans';
import { isStructured, toLegacySteps, type WorkoutNode, type WorkoutSport } from '../workouts';
import type { IntervalDetection, IntervalSegment } from './detect.calc';

/** The athlete's thresholds on the activity's day, as analytics keeps them (speeds in m/s). */
export interface DayThresholds {
  threshold_pace?: number;
  css?: number;
  ftp?: number;
  lthr?: number;
}

/** A target in the athlete's own numbers: speed (m/s), power (W) or heart rate (bpm). */
export interface TargetRange {
  metric: 'pace' | 'power' | 'hr';
  low: number;
  high: number;
}

export interface RepResult {
  /** 1-based among the workout's reps. */
  rep: number;
  planned: { durationSec: number | null; distanceM: number | null; target: Target | null; range: TargetRange | null };
  /** The detected work segment (two, joined, when a stop split the rep); null when it was not found. */
  done: IntervalSegment | null;
  /** The recovery that followed it. */
  recovery: IntervalSegment | null;
  /** Done ÷ planned of the step's measure (time, or distance), to whole percent. */
  ratio: number | null;
  /** The held figure against the range: slower, lower or harder than it, or within. */
  target: { value: number; verdict: 'within' | 'below' | 'above' } | null;
  band: ComplianceBand;
}

export interface PlanVsDone {
  reps: RepResult[];
  /** How many planned reps were found. */
  found: number;
  /** The whole set's band: each rep green 1, yellow ½, red or missing 0; the mean read like a ratio, never green with a red rep. */
  band: ComplianceBand;
  /** Detected reps no planned step took. */
  extra: IntervalSegment[];
}

/** A planned rep shorter than this is a stride: it is not judged (detection does not look for them either). */
export const MIN_REP = { seconds: 30, metres: 100 };
/** How far outside a target's range still reads "partly" (yellow): 5 %. */
const TARGET_SLACK = 0.05;

interface PlannedRep {
  durationSec: number | null;
  distanceM: number | null;
  target: Target | null;
  sport: string;
}

/** The workout's reps in order: work steps long enough to be one, repeats unrolled. */
export function plannedReps(steps: StepNode[], sport: string): PlannedRep[] {
  const out: PlannedRep[] = [];
  const add = (s: Step) => {
    if (s.kind !== 'work') return;
    if ((s.durationSec ?? 0) < MIN_REP.seconds && (s.distanceM ?? 0) < MIN_REP.metres) return;
    out.push({ durationSec: s.durationSec, distanceM: s.distanceM, target: s.target, sport: s.sport ?? sport });
  };
  for (const n of steps) {
    if (n.kind === 'repeat') for (let k = 0; k < n.count; k++) for (const s of n.steps) add(s);
    else add(n);
  }
  return out;
}

/** A target as numbers from the day's thresholds; null for RPE or an unknown threshold. */
export function targetRange(target: Target | null, sport: string, t: DayThresholds): TargetRange | null {
  if (!target) return null;
  const base =
    target.metric === 'pace'
      ? sport === 'swim'
        ? t.css
        : t.threshold_pace
      : target.metric === 'power'
        ? t.ftp
        : target.metric === 'hr'
          ? t.lthr
          : undefined;
  if (!base || target.metric === 'rpe') return null;
  return { metric: target.metric, low: target.low * base, high: target.high * base };
}

const measureOf = (p: PlannedRep, d: IntervalSegment): number | null =>
  p.durationSec !== null ? d.durationS / p.durationSec : p.distanceM !== null && d.distanceM !== null ? d.distanceM / p.distanceM : null;

/** Two detected reps a stop split, as one. */
function joined(a: IntervalSegment, b: IntervalSegment): IntervalSegment {
  const moving = a.movingS + b.movingS;
  const dist = a.distanceM !== null && b.distanceM !== null ? a.distanceM + b.distanceM : null;
  const mean = (x: number | null, y: number | null, wx: number, wy: number) =>
    x === null || y === null ? null : (x * wx + y * wy) / (wx + wy);
  return {
    kind: 'work',
    startS: a.startS,
    endS: b.endS,
    durationS: b.endS - a.startS,
    movingS: moving,
    distanceM: dist,
    avgSpeedMps: dist !== null && moving > 0 ? dist / moving : null,
    avgPower: mean(a.avgPower, b.avgPower, a.durationS, b.durationS),
    avgHr: mean(a.avgHr, b.avgHr, a.durationS, b.durationS),
    maxHr: a.maxHr === null || b.maxHr === null ? null : Math.max(a.maxHr, b.maxHr),
  };
}

// Alignment costs: a pairing costs how far its length is off (|ln ratio|, capped), a planned rep not
// found or a detected one not planned a fixed amount, so a rep twice as long as planned is still paired.
// Ties go to the natural reading: the reps missed are the last ones, the extra efforts the last ones.
const MISSED = 0.8;
const EXTRA = 0.6;
const SPLIT = 0.15;
const TIE = 1e-3;
/** Each piece of a split rep holds at least this share of the planned rep (a 40-s surge is no half of a 5-min rep). */
const MIN_PIECE = 0.25;
const pairCost = (p: PlannedRep, d: IntervalSegment) => {
  const r = measureOf(p, d);
  return r === null || r <= 0 ? 0.3 : Math.min(1.5, Math.abs(Math.log(r)));
};

const piece = (p: PlannedRep, d: IntervalSegment) => (measureOf(p, d) ?? 1) >= MIN_PIECE;

/**
 * Planned reps paired with detected ones in order (sequence alignment): a rep may be missed, an extra
 * one left over, or two detected pieces with a stop between taken as one rep.
 */
function align(planned: PlannedRep[], work: IntervalSegment[]): { pairs: (IntervalSegment | null)[]; used: Set<number> } {
  const m = planned.length;
  const n = work.length;
  const cost = Array.from({ length: m + 1 }, () => new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY));
  const move = Array.from({ length: m + 1 }, () => new Int8Array(n + 1));
  cost[0]![0] = 0;
  for (let i = 0; i <= m; i++)
    for (let j = 0; j <= n; j++) {
      const here = cost[i]![j]!;
      if (!Number.isFinite(here)) continue;
      const relax = (ii: number, jj: number, c: number, how: number) => {
        if (here + c < cost[ii]![jj]!) {
          cost[ii]![jj] = here + c;
          move[ii]![jj] = how;
        }
      };
      if (i < m && j < n) relax(i + 1, j + 1, pairCost(planned[i]!, work[j]!), 1);
      if (i < m && j + 1 < n && piece(planned[i]!, work[j]!) && piece(planned[i]!, work[j + 1]!))
        relax(i + 1, j + 2, pairCost(planned[i]!, joined(work[j]!, work[j + 1]!)) + SPLIT, 2);
      if (i < m) relax(i + 1, j, MISSED - (TIE * i) / m, 3);
      if (j < n) relax(i, j + 1, EXTRA - (TIE * j) / n, 4);
    }
  const pairs: (IntervalSegment | null)[] = new Array(m).fill(null);
  const used = new Set<number>();
  let [i, j] = [m, n];
  while (i > 0 || j > 0) {
    const how = move[i]![j]!;
    if (how === 1) {
      pairs[i - 1] = work[j - 1]!;
      used.add(j - 1);
      [i, j] = [i - 1, j - 1];
    } else if (how === 2) {
      pairs[i - 1] = joined(work[j - 2]!, work[j - 1]!);
      used.add(j - 2).add(j - 1);
      [i, j] = [i - 1, j - 2];
    } else if (how === 3) i--;
    else j--;
  }
  return { pairs, used };
}

/** The figure a target reads: speed for pace, power, heart rate. */
function heldFor(range: TargetRange, d: IntervalSegment): number | null {
  return range.metric === 'pace' ? d.avgSpeedMps : range.metric === 'power' ? d.avgPower : d.avgHr;
}

const worse = (a: ComplianceBand, b: ComplianceBand): ComplianceBand =>
  a === 'red' || b === 'red' ? 'red' : a === 'yellow' || b === 'yellow' ? 'yellow' : 'green';
const SCORE: Record<ComplianceBand, number> = { green: 1, yellow: 0.5, red: 0 };

/**
 * Each planned rep against the detected segments; null when the workout plans no reps (an easy or long
 * session is judged as a whole by the calendar's compliance alone).
 */
export function planVsDone(
  steps: StepNode[],
  sport: string,
  detection: IntervalDetection | null,
  thresholds: DayThresholds,
  /** Each rep's target as the step table reads it (step-anchors' repRanges), so both tables judge alike. */
  ranges?: (TargetRange | null)[],
): PlanVsDone | null {
  const planned = plannedReps(steps, sport);
  const read = ranges && ranges.length === planned.length ? ranges : null;
  if (planned.length === 0) return null;
  const segments = detection?.segments ?? [];
  const work = segments.filter((s) => s.kind === 'work');
  const { pairs, used } = align(planned, work);
  const reps = planned.map((p, k): RepResult => {
    const range = read?.[k] ?? targetRange(p.target, p.sport, thresholds);
    const done = pairs[k] ?? null;
    const base = { rep: k + 1, planned: { durationSec: p.durationSec, distanceM: p.distanceM, target: p.target, range } };
    if (!done) return { ...base, done: null, recovery: null, ratio: null, target: null, band: 'red' };
    const r = measureOf(p, done);
    const ratio = r === null ? null : Math.round(r * 100) / 100;
    let band: ComplianceBand = ratio === null ? 'green' : bandOf(ratio);
    let target: RepResult['target'] = null;
    const value = range ? heldFor(range, done) : null;
    if (range && value !== null) {
      const verdict = value < range.low ? 'below' : value > range.high ? 'above' : 'within';
      const off = verdict === 'below' ? (range.low - value) / range.low : verdict === 'above' ? (value - range.high) / range.high : 0;
      target = { value, verdict };
      band = worse(band, off === 0 ? 'green' : off <= TARGET_SLACK ? 'yellow' : 'red');
    }
    const after = segments.find((s) => s.startS === done.endS && s.kind === 'recovery') ?? null;
    return { ...base, done, recovery: after, ratio, target, band };
  });
  const score = reps.reduce((a, r) => a + SCORE[r.band], 0) / reps.length;
  // Four good reps of five read 80 %, green by the ratio: a set with a rep off is not on target (issue 55).
  const band = reps.some((r) => r.band === 'red') ? worse(bandOf(score), 'yellow') : bandOf(score);
  return {
    reps,
    found: reps.filter((r) => r.done).length,
    band,
    extra: work.filter((_, j) => !used.has(j)),
  };
}

/**
 * A structured workout's steps as the flat reps plan-vs-done pairs (nested repeats unrolled, absolute targets as
 * fractions of the day's thresholds, ADR 055); flat stored steps are already that.
 */
export function repsOf(steps: StepNode[], sport: string, t: DayThresholds): StepNode[] {
  if (!isStructured(steps)) return steps;
  const th = {
    ftpW: t.ftp,
    lthrBpm: t.lthr,
    thresholdPaceSecPerKm: t.threshold_pace ? 1000 / t.threshold_pace : undefined,
    cssSecPer100m: t.css ? 100 / t.css : undefined,
  };
  return toLegacySteps({ sport: sport as WorkoutSport, steps: steps as WorkoutNode[] }, th) as StepNode[];
}
