// How each step of a structured workout went (ADR 062): the steps aligned with the activity — by its laps
// when the device recorded one lap per step, as Garmin workouts do, else by elapsed time from the start —
// and each judged on its length and on its target in the athlete's numbers of the day. Pure; rules in
// README.md. When the steps cannot be placed honestly, it says why instead of guessing.
import type { ActivityLap, ActivityStreams } from '../../db/schema/activity-columns';
import { bandOf, type ComplianceBand } from '../plans';
import type { WorkoutNode } from '../workouts';
import type { IntervalSegment } from './detect.calc';
import type { DayThresholds, TargetRange } from './plan-vs-done.calc';
import { anchorSpans, anchorsFor } from './step-anchors.calc';
import { basisFor, type Grid, movingMean, toGrid } from './series.calc';
import { type ExecutedStep, executedSteps, resolveTarget } from './step-targets.calc';

export type StepVerdict = 'on_target' | 'partly' | 'off' | 'skipped';
export type Unaligned = 'no_steps' | 'no_data' | 'too_short' | 'open_step' | 'no_distance';

export interface StepActual {
  /** Seconds from the activity's start. */
  startS: number;
  durationS: number;
  distanceM: number | null;
  avgPower: number | null;
  avgHr: number | null;
  /** Distance over moving time. */
  avgSpeedMps: number | null;
}

export interface StepResult {
  /** 1-based, in the order done. */
  step: number;
  kind: ExecutedStep['kind'];
  round: ExecutedStep['round'];
  planned: {
    durationSec: number | null;
    distanceM: number | null;
    target: ExecutedStep['target'];
    ramp: boolean;
    range: TargetRange | null;
  };
  actual: StepActual | null;
  /** The actual average in the target's metric (W, bpm, m/s); null without a range or data. */
  value: number | null;
  /** Share of the step's seconds inside the range (0–1): needs the streams; null from a lap's averages alone. */
  inRange: number | null;
  verdict: StepVerdict;
}

export interface StepCompliance {
  alignedBy: 'laps' | 'time' | null;
  /** Why the steps could not be placed (alignedBy null). */
  unaligned: Unaligned | null;
  steps: StepResult[];
  /** The whole workout from its steps, weighted by planned time: on target 1, partly ½, off or skipped 0; never green with a work step off. */
  overall: { band: ComplianceBand; score: number } | null;
  /** Laps recorded after the last step (the athlete kept going). */
  extraLaps: number;
}

export interface ActivityForSteps {
  startTime: Date;
  elapsedS: number;
  laps: ActivityLap[];
  streams: ActivityStreams | null;
}

/** Under this share of its planned length, a step was skipped (a lap pressed through it, or never reached). */
const SKIPPED = 0.2;
/** Laps agree with steps when this share of the measured steps is within 30 % of the planned length. */
const LAP_AGREEMENT = 0.6;
const LAP_TOLERANCE = 0.3;
/** How far outside the range an average still reads "partly": 5 % (as plan vs done). */
const SLACK = 0.05;
/** An average inside the range with under half the time inside it (surging around it) is only "partly". */
const HELD = 0.5;
/** Less than this share of the planned time recorded, or 2 minutes: too short to align by time. */
const MIN_SHARE = 0.25;

const r2 = (x: number) => Math.round(x * 100) / 100;
const SCORE: Record<StepVerdict, number> = { on_target: 1, partly: 0.5, off: 0, skipped: 0 };
const worse = (a: ComplianceBand, b: ComplianceBand): ComplianceBand =>
  a === 'red' || b === 'red' ? 'red' : a === 'yellow' || b === 'yellow' ? 'yellow' : 'green';
const VERDICT: Record<ComplianceBand, StepVerdict> = { green: 'on_target', yellow: 'partly', red: 'off' };

/** The step's length done over planned, by its own measure (time or distance); null for a lap-button step. */
function lengthRatio(s: ExecutedStep, a: StepActual): number | null {
  if (s.durationSec) return a.durationS / s.durationSec;
  if (s.distanceM) return a.distanceM === null ? null : a.distanceM / s.distanceM;
  return null;
}

/** What the streams say over [from, to) seconds of the activity: averages and the seconds in range. */
function fromGrid(g: Grid, from: number, to: number, range: TargetRange | null) {
  const a = Math.max(0, Math.round(from - g.t0));
  const b = Math.min(g.n, Math.round(to - g.t0));
  let dist = 0;
  let moving = 0;
  let power = 0;
  let hrSum = 0;
  let hrN = 0;
  for (let i = a; i < b; i++) {
    if (g.speed) dist += g.speed[i]!;
    moving += g.moving[i]!;
    if (g.power) power += g.power[i]!;
    if (g.hr && !Number.isNaN(g.hr[i]!)) {
      hrSum += g.hr[i]!;
      hrN++;
    }
  }
  const n = Math.max(0, b - a);
  const actual = {
    distanceM: g.speed ? Math.round(dist) : null,
    avgPower: g.power && n ? power / n : null,
    avgHr: hrN ? hrSum / hrN : null,
    avgSpeedMps: g.speed && moving ? dist / moving : null,
  };
  let inRange: number | null = null;
  if (range && n) {
    // Power is read over 5 s (a single pedal stroke is not an effort), pace while moving, HR where recorded.
    const series =
      range.metric === 'power'
        ? g.power
          ? movingMean(g.power.subarray(a, b), 5)
          : null
        : range.metric === 'hr'
          ? g.hr?.subarray(a, b)
          : g.speed?.subarray(a, b);
    if (series) {
      let inside = 0;
      let counted = 0;
      for (let i = 0; i < series.length; i++) {
        const v = series[i]!;
        if (Number.isNaN(v) || (range.metric === 'pace' && !g.moving[a + i])) continue;
        counted++;
        if (v >= range.low && v <= range.high) inside++;
      }
      inRange = counted ? inside / counted : null;
    }
  }
  return { actual, inRange };
}

const heldValue = (range: TargetRange | null, a: StepActual): number | null =>
  !range ? null : range.metric === 'power' ? a.avgPower : range.metric === 'hr' ? a.avgHr : a.avgSpeedMps;

/** One step judged: skipped under a fifth of its length; else the worse of its length's band and its target's. */
function judge(s: ExecutedStep, k: number, range: TargetRange | null, actual: StepActual | null, inRange: number | null): StepResult {
  const planned = { durationSec: s.durationSec, distanceM: s.distanceM, target: s.target, ramp: s.ramp, range };
  const base = { step: k + 1, kind: s.kind, round: s.round, planned };
  const ratio = actual ? lengthRatio(s, actual) : null;
  if (!actual || (ratio !== null && ratio < SKIPPED) || actual.durationS < 5)
    return { ...base, actual, value: null, inRange: null, verdict: 'skipped' };
  let band: ComplianceBand = ratio === null ? 'green' : bandOf(ratio);
  const value = heldValue(range, actual);
  if (range && value !== null) {
    // Easier than an easy step's range is what an easy step is for: only work and steady steps can be too easy.
    const easy = s.kind !== 'work' && s.kind !== 'steady';
    const low = easy ? 0 : range.low;
    const off = value < low ? (low - value) / low : value > range.high ? (value - range.high) / range.high : 0;
    const held = easy && inRange !== null ? null : inRange;
    band = worse(band, off === 0 ? (held === null || held >= HELD ? 'green' : 'yellow') : off <= SLACK ? 'yellow' : 'red');
  }
  return { ...base, actual, value, inRange: inRange === null ? null : r2(inRange), verdict: VERDICT[band] };
}

interface Span {
  startS: number;
  durationS: number;
  lap?: ActivityLap;
}

/** Lap k as step k, when the laps are the steps: no more than one lap over, and most lengths agreeing. */
function lapSpans(steps: ExecutedStep[], a: ActivityForSteps): { spans: Span[]; extra: number } | null {
  const laps = [...a.laps].sort((x, y) => x.index - y.index);
  if (laps.length < 2 || laps.length > steps.length + 1) return null;
  const paired = Math.min(laps.length, steps.length);
  const spans = laps
    .slice(0, paired)
    .map((l) => ({ startS: (Date.parse(l.startTime) - a.startTime.getTime()) / 1000, durationS: l.elapsedS, lap: l }));
  // The last lap may be cut short (the athlete stopped); the others must look like their steps.
  let measured = 0;
  let agree = 0;
  for (let k = 0; k < paired - 1; k++) {
    const s = steps[k]!;
    const l = laps[k]!;
    const r = s.durationSec ? l.elapsedS / s.durationSec : s.distanceM && l.distanceM != null ? l.distanceM / s.distanceM : null;
    if (r === null) continue;
    measured++;
    if (Math.abs(r - 1) <= LAP_TOLERANCE) agree++;
  }
  if (measured === 0 || agree / measured < LAP_AGREEMENT) return null;
  return { spans, extra: laps.length - paired };
}

/** Steps placed one after another from the start by their planned time (or distance, on the speed). */
function timeSpans(steps: ExecutedStep[], g: Grid, endS: number): Span[] | Unaligned {
  const spans: Span[] = [];
  let at = 0;
  for (const s of steps) {
    if (at >= endS) break;
    let len: number;
    if (s.durationSec) len = s.durationSec;
    else if (s.distanceM) {
      if (!g.speed) return 'no_distance';
      let d = 0;
      let i = Math.max(0, Math.round(at - g.t0));
      while (i < g.n && d < s.distanceM) d += g.speed[i++]!;
      len = i + g.t0 - at;
    } else return 'open_step';
    spans.push({ startS: at, durationS: Math.min(len, endS - at) });
    at += len;
  }
  return spans;
}

/**
 * Each executed step of `workout` against `activity`: by laps when they are the steps, else by time from
 * the start on the streams. Steps after the activity ended are skipped; nothing is invented from no data.
 */
export function stepCompliance(
  workout: WorkoutNode[],
  sport: string,
  activity: ActivityForSteps,
  th: DayThresholds,
  /** The reps plan-vs-done found, in order: time-placed work steps take their seconds (step-anchors). */
  reps?: (IntervalSegment | null)[],
): StepCompliance {
  const steps = executedSteps(workout, sport);
  const none = (unaligned: Unaligned): StepCompliance => ({ alignedBy: null, unaligned, steps: [], overall: null, extraLaps: 0 });
  if (steps.length === 0) return none('no_steps');
  const basis = activity.streams ? basisFor(sport === 'bike' ? 'ride' : sport, activity.streams) : null;
  const grid = activity.streams && activity.streams.t.length > 1 ? toGrid(activity.streams, basis ?? 'speed') : null;
  const byLaps = lapSpans(steps, activity);
  let spans: Span[];
  let extraLaps = 0;
  let anchors: (IntervalSegment | null)[] | null = null;
  if (byLaps) {
    spans = byLaps.spans;
    extraLaps = byLaps.extra;
  } else {
    if (!grid) return none('no_data');
    const planned = steps.reduce((t, s) => t + (s.durationSec ?? 0), 0);
    if (activity.elapsedS < 120 || (planned > 0 && activity.elapsedS < MIN_SHARE * planned)) return none('too_short');
    const placed = timeSpans(steps, grid, activity.elapsedS);
    if (typeof placed === 'string') return none(placed);
    anchors = anchorsFor(steps, reps);
    spans = anchors ? anchorSpans(placed, anchors, activity.elapsedS) : placed;
  }
  const results = steps.map((s, k) => {
    const range = resolveTarget(s.target, s.sport, th);
    const span = spans[k];
    if (!span) return judge(s, k, range, null, null);
    const fromStreams = grid ? fromGrid(grid, span.startS, span.startS + span.durationS, range) : null;
    const l = span.lap;
    const rep = anchors?.[k];
    // A lap's own averages are the device's (over its moving time); the streams fill what it lacks. A step on a
    // found rep reads the rep's own figures: one pace for it in both tables.
    const actual: StepActual = rep
      ? {
          startS: rep.startS,
          durationS: rep.durationS,
          distanceM: rep.distanceM,
          avgPower: rep.avgPower,
          avgHr: rep.avgHr,
          avgSpeedMps: rep.avgSpeedMps,
        }
      : {
          startS: Math.round(span.startS),
          durationS: Math.round(span.durationS),
          distanceM: l?.distanceM ?? fromStreams?.actual.distanceM ?? null,
          avgPower: l?.avgPower ?? fromStreams?.actual.avgPower ?? null,
          avgHr: l?.avgHr ?? fromStreams?.actual.avgHr ?? null,
          avgSpeedMps: l?.avgSpeedMps ?? fromStreams?.actual.avgSpeedMps ?? null,
        };
    return judge(s, k, range, actual, fromStreams?.inRange ?? null);
  });
  const weight = (r: StepResult) => r.planned.durationSec ?? r.actual?.durationS ?? 60;
  const total = results.reduce((t, r) => t + weight(r), 0);
  const score = total > 0 ? results.reduce((t, r) => t + weight(r) * SCORE[r.verdict], 0) / total : 0;
  // Long easy steps outweigh a short rep: a workout with a rep off or skipped is not on target (issue 55).
  const workOff = results.some((r) => r.kind === 'work' && (r.verdict === 'off' || r.verdict === 'skipped'));
  return {
    alignedBy: byLaps ? 'laps' : 'time',
    unaligned: null,
    steps: results,
    overall: { band: workOff ? worse(bandOf(score), 'yellow') : bandOf(score), score: r2(score) },
    extraLaps,
  };
}
