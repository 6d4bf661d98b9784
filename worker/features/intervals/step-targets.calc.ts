// A structured workout as the steps the athlete executed, in order (repeats unrolled), and each step's
// target in the athlete's own numbers on the day (ADR 062). Pure.
import { isRepeat, type LegSport, type WorkoutNode, type WorkoutStepKind as StepKind, type WorkoutTarget, ZONE_BANDS } from '../workouts';
import type { DayThresholds, TargetRange } from './plan-vs-done.calc';

/** One step as done in order: a repeat's steps appear once per round. */
export interface ExecutedStep {
  kind: StepKind;
  durationSec: number | null;
  distanceM: number | null;
  target: WorkoutTarget | null;
  ramp: boolean;
  /** The leg's sport (a brick's own, else the workout's). */
  sport: LegSport;
  /** Round r of n when the step sits in a repeat (the innermost one). */
  round: { r: number; of: number } | null;
}

/** Heart-rate zones as fractions of LTHR (Friel's run zones, the common reading of "Z2 HR"). */
const HR_ZONES: Record<number, [number, number]> = { 1: [0.6, 0.85], 2: [0.85, 0.9], 3: [0.9, 0.95], 4: [0.95, 1], 5: [1, 1.06] };

/** Steps past this many are not listed (a 200-node tree can unroll to thousands; no one reads that table). */
export const MAX_EXECUTED = 120;

const legOf = (sport: string): LegSport => (sport === 'bike' || sport === 'ride' ? 'bike' : sport === 'swim' ? 'swim' : 'run');

/** The workout's steps in the order they are done, repeats unrolled (at most MAX_EXECUTED). */
export function executedSteps(nodes: WorkoutNode[], sport: string): ExecutedStep[] {
  const out: ExecutedStep[] = [];
  const walk = (ns: WorkoutNode[], round: ExecutedStep['round']) => {
    for (const n of ns) {
      if (out.length >= MAX_EXECUTED) return;
      if (isRepeat(n)) {
        for (let r = 1; r <= n.count; r++) walk(n.steps, { r, of: n.count });
        continue;
      }
      out.push({
        kind: n.kind,
        durationSec: n.durationSec,
        distanceM: n.distanceM,
        target: n.target,
        ramp: n.ramp === true,
        sport: n.sport ?? legOf(sport),
        round,
      });
    }
  };
  walk(nodes, null);
  return out;
}

/**
 * A target in the athlete's numbers: W, bpm, or speed in m/s for pace (a faster pace is a higher speed).
 * Null for RPE, or when the threshold it is a share of is unknown on the day. A ramp reads its whole band.
 */
export function resolveTarget(t: WorkoutTarget | null, leg: LegSport, th: DayThresholds): TargetRange | null {
  if (!t || t.metric === 'rpe') return null;
  const band = (a: number, b: number): TargetRange => ({ metric: t.metric, low: Math.min(a, b), high: Math.max(a, b) });
  if ('unit' in t) {
    if (t.unit === 'W' || t.unit === 'bpm') return band(t.low, t.high);
    const per = t.unit === 's/100m' ? 100 : 1000;
    return band(per / t.high, per / t.low);
  }
  const base = t.metric === 'pace' ? (leg === 'swim' ? th.css : th.threshold_pace) : t.metric === 'power' ? th.ftp : th.lthr;
  if (!base) return null;
  if ('low' in t) return band(t.low * base, t.high * base);
  const zones = t.metric === 'hr' ? HR_ZONES : ZONE_BANDS[leg];
  const z = zones[t.zone] ?? zones[Math.min(t.zone, 5)];
  return z ? band(z[0] * base, z[1] * base) : null;
}
