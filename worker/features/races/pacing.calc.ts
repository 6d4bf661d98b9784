// Race pacing: the target time spread over the course at even effort (grade-adjusted speed constant, eased by a
// negative split that ramps across the race), scaled to sum to the target exactly, cut into km or mile splits with
// the cumulative clock, and the first half checked against the athlete's CS and D′ (ADR 096, "Third slice").

import { type CoursePoint, type PacingError, courseProfile, effortCost } from './effort-grade.calc';
import { type PacingCheck, checkFirstHalf } from './pacing-check.calc';
import { MAX_RACE_M } from './predict.calc';
import type { CriticalSpeedInput } from './races.types';

export type SplitUnit = 'km' | 'mile';
export const UNIT_M: Record<SplitUnit, number> = { km: 1000, mile: 1609.344 };
/**
 * The coaching default: the second half 1 % faster than the first, at equal effort. A modest negative split spares
 * the early D′ most runners spend too fast; it is a default, not a law — 0 (even effort) is as valid a choice.
 */
export const DEFAULT_NEGATIVE_SPLIT = 0.01;
export const MAX_NEGATIVE_SPLIT = 0.05;
/** A target outside 1–7 m/s (16:40 to 2:23 per km) is not a running race. */
const MIN_SPEED_MPS = 1;
const MAX_SPEED_MPS = 7;

export interface PacingInput {
  distanceM: number;
  targetS: number;
  unit: SplitUnit;
  /** Points along the course; null or empty: a flat course (even pace but for the negative split). */
  course?: readonly CoursePoint[] | null;
  /** The second half this much faster than the first, at equal effort (0.01 = 1 %). Default `DEFAULT_NEGATIVE_SPLIT`. */
  negativeSplit?: number;
  criticalSpeed?: CriticalSpeedInput | null;
  today: string;
}

export interface Split {
  index: number;
  fromM: number;
  toM: number;
  distanceM: number;
  timeS: number;
  /** Seconds per km or mile for this split. */
  paceS: number;
  /** The clock at the end of the split. */
  clockS: number;
  /** Mean grade (rise over run) of the smoothed course over the split. */
  grade: number;
  gainM: number;
  lossM: number;
}

export interface PacingPlan {
  unit: SplitUnit;
  distanceM: number;
  targetS: number;
  negativeSplit: number;
  /** The even pace that gives the same finish, s per unit. */
  evenPaceS: number;
  splits: Split[];
  firstHalfS: number;
  secondHalfS: number;
  /** The flat-equivalent pace held at equal effort at the start and at the finish, s per unit. */
  effortPaceS: { start: number; finish: number };
  gainM: number;
  lossM: number;
  courseLengthM: number | null;
  check: PacingCheck;
  notes: string[];
}

export type PacingAnswer = { ok: true; plan: PacingPlan } | { ok: false; error: PacingError };

/** The pace multiplier (on time) over the race, linear in distance, so the flat second half is `ns` quicker. */
export function rampSlope(ns: number): number {
  // First half's mean multiplier 1 + c/4, second half's 1 − c/4; (1 − c/4)/(1 + c/4) = 1 − ns.
  return (4 * ns) / (2 - ns);
}

export function planPacing(input: PacingInput): PacingAnswer {
  const D = input.distanceM;
  const T = input.targetS;
  const ns = input.negativeSplit ?? DEFAULT_NEGATIVE_SPLIT;
  if (!(Number.isFinite(D) && D > 0 && D <= MAX_RACE_M))
    return fail('badTarget', 'distanceM', `a race distance of 0–${Math.round(MAX_RACE_M)} m is needed`);
  if (!(Number.isFinite(T) && D / T >= MIN_SPEED_MPS && D / T <= MAX_SPEED_MPS))
    return fail('badTarget', 'targetS', `a target of ${T} s is not a running pace over ${Math.round(D)} m`);
  if (!(Number.isFinite(ns) && ns >= 0 && ns <= MAX_NEGATIVE_SPLIT))
    return fail('badNegativeSplit', 'negativeSplit', `a negative split of 0–${MAX_NEGATIVE_SPLIT * 100} % is allowed`);
  const profile = courseProfile(input.course, D);
  if ('reason' in profile) return { ok: false, error: profile };
  const { stepM, elevationM: e } = profile;
  const n = e.length - 1;
  const c = rampSlope(ns);
  // Each step's time at unit flat-equivalent speed: its length × the grade's cost × the ramp at its middle.
  const cost = new Float64Array(n);
  const raw = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) {
    cost[k] = effortCost((e[k + 1]! - e[k]!) / stepM);
    raw[k] = stepM * cost[k]! * (1 + c * (0.5 - ((k + 0.5) * stepM) / D));
    sum += raw[k]!;
  }
  const scale = T / sum;
  const clock = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) clock[k + 1] = clock[k]! + raw[k]! * scale;
  clock[n] = T; // the sum is the target by construction; pin it against rounding
  const at = (arr: Float64Array, x: number): number => {
    const pos = Math.min(n, Math.max(0, x / stepM));
    const k = Math.min(n - 1, Math.floor(pos));
    return arr[k]! + (arr[k + 1]! - arr[k]!) * (pos - k);
  };
  const unitM = UNIT_M[input.unit];
  const splits: Split[] = [];
  let from = 0;
  for (let i = 0; from < D - 1e-6; i++) {
    // A last stretch under a metre is folded into the split before it.
    const to = D - (i + 1) * unitM < 1 ? D : (i + 1) * unitM;
    const timeS = at(clock, to) - at(clock, from);
    const { gainM, lossM } = climbBetween(e, stepM, from, to, at);
    splits.push({
      index: i + 1,
      fromM: from,
      toM: to,
      distanceM: to - from,
      timeS,
      paceS: (timeS / (to - from)) * unitM,
      clockS: at(clock, to),
      grade: (at(e, to) - at(e, from)) / (to - from),
      gainM,
      lossM,
    });
    from = to;
  }
  const firstHalfS = at(clock, D / 2);
  // Flat-equivalent distance of the first half over its time: the effort the check weighs, whatever the terrain.
  let firstHalfCost = 0;
  for (let k = 0; k < n && (k + 1) * stepM <= D / 2 + 1e-9; k++) firstHalfCost += stepM * cost[k]!;
  const firstHalfMps = firstHalfCost / firstHalfS;
  const totals = climbBetween(e, stepM, 0, D, at);
  const notes: string[] = [];
  if (input.course && input.course.length > 0 && Math.abs(profile.courseLengthM - D) >= 1)
    notes.push(`The course measures ${Math.round(profile.courseLengthM)} m; its profile was laid onto the race's ${Math.round(D)} m.`);
  if (ns > 0) notes.push(`The second half is planned ${(ns * 100).toFixed(1)} % faster at equal effort: a coaching default, not a law.`);
  return {
    ok: true,
    plan: {
      unit: input.unit,
      distanceM: D,
      targetS: T,
      negativeSplit: ns,
      evenPaceS: (T / D) * unitM,
      splits,
      firstHalfS,
      secondHalfS: T - firstHalfS,
      effortPaceS: { start: scale * (1 + c / 2) * unitM, finish: scale * (1 - c / 2) * unitM },
      gainM: totals.gainM,
      lossM: totals.lossM,
      courseLengthM: input.course && input.course.length > 0 ? profile.courseLengthM : null,
      check: checkFirstHalf(D, T, firstHalfMps, input.criticalSpeed, input.today),
      notes,
    },
  };
}

const fail = (reason: PacingError['reason'], field: PacingError['field'], message: string): PacingAnswer => ({
  ok: false,
  error: { reason, field, message },
});

/** Climb and descent of the smoothed course between two distances. */
function climbBetween(
  e: Float64Array,
  stepM: number,
  from: number,
  to: number,
  at: (arr: Float64Array, x: number) => number,
): { gainM: number; lossM: number } {
  let gainM = 0;
  let lossM = 0;
  let prev = at(e, from);
  for (let k = Math.floor(from / stepM) + 1; k * stepM < to; k++) {
    const d = e[k]! - prev;
    if (d > 0) gainM += d;
    else lossM -= d;
    prev = e[k]!;
  }
  const d = at(e, to) - prev;
  if (d > 0) gainM += d;
  else lossM -= d;
  return { gainM, lossM };
}
