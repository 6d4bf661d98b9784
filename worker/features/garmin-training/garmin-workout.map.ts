// Our workout → Garmin Training API JSON, and what of it Garmin cannot hold (said before sending). It reads the
// step tree (ADR 055) itself: nested repeats, ramps, zone-only and absolute targets, cadence, exercises. Targets
// become absolute with the athlete's thresholds, as a watch needs them.
import type {
  GarminIntensity,
  GarminSport,
  GarminStep,
  GarminWorkout,
  GarminWorkoutStep,
} from '../../providers/garmin/garmin-training.wire';
import { STEP_DESCRIPTION_MAX, WORKOUT_DESCRIPTION_MAX } from '../../providers/garmin/garmin-training.wire';
import type { Sport } from '../plans';
import {
  type LegSport,
  type RelativeTarget,
  type WorkoutStepKind as StepKind,
  type WorkoutNode,
  type WorkoutStep as Step,
  type WorkoutTarget as Target,
  ZONE_BANDS,
  type ZoneTarget,
} from '../workouts';

/** The athlete's thresholds on the workout's day: FTP W, threshold pace and CSS as m/s, LTHR bpm. */
export interface AthleteThresholds {
  ftpW: number | null;
  thresholdSpeedMps: number | null;
  cssMps: number | null;
  lthrBpm: number | null;
}

export interface MappableWorkout {
  title: string;
  description: string;
  sport: Sport;
  steps: WorkoutNode[];
}

export interface GarminMapping {
  /** Null when nothing can be sent (a rest day, a sport Garmin's workouts do not have). */
  workout: GarminWorkout | null;
  /** What Garmin cannot represent, in the athlete's words: shown before sending. */
  unrepresentable: string[];
}

const PROVIDER = 'Cadence';
const SPORT: Partial<Record<Sport, GarminSport>> = {
  run: 'RUNNING',
  bike: 'CYCLING',
  swim: 'LAP_SWIMMING',
  strength: 'STRENGTH_TRAINING',
};
const INTENSITY: Record<StepKind, GarminIntensity> = {
  warmup: 'WARMUP',
  work: 'INTERVAL',
  steady: 'ACTIVE',
  recovery: 'RECOVERY',
  cooldown: 'COOLDOWN',
  rest: 'REST',
};

const round = (n: number, places = 0) => Math.round(n * 10 ** places) / 10 ** places;
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

interface Ctx {
  sport: Sport;
  t: AthleteThresholds;
  notes: Set<string>;
  order: number;
}

type TargetFields = Pick<GarminWorkoutStep, 'targetType' | 'targetValue' | 'targetValueLow' | 'targetValueHigh' | 'targetValueType'>;
const OPEN: TargetFields = { targetType: 'OPEN', targetValue: null, targetValueLow: null, targetValueHigh: null, targetValueType: null };
const NONE: TargetFields = { ...OPEN, targetType: null };
const rangeOf = (type: 'PACE' | 'HEART_RATE' | 'POWER', a: number, b: number, places = 0, percent = false): TargetFields => ({
  targetType: type,
  targetValue: null,
  targetValueLow: round(Math.min(a, b), places),
  targetValueHigh: round(Math.max(a, b), places),
  targetValueType: percent ? 'PERCENT' : null,
});

/** A target's fractions of threshold: its own, or its zone's band (the totals' bands, ZONE_BANDS). */
function fractions(target: RelativeTarget | ZoneTarget, sport: Sport): [number, number] | null {
  if ('low' in target) return [target.low, target.high];
  const leg: LegSport = sport === 'bike' || sport === 'swim' ? sport : 'run';
  return ZONE_BANDS[leg][target.zone] ?? null;
}

/** A step's target as Garmin holds it; what it cannot hold goes to `notes` and the step keeps it in words. */
function targetOf(target: Target | null, ctx: Ctx): { fields: TargetFields; words: string | null } {
  const { t } = ctx;
  // Garmin takes no primary target on a swim step (only secondary pace or instruction targets).
  if (ctx.sport === 'swim') {
    if (target) ctx.notes.add('Swim targets are not sent as Garmin targets; each step says its target in words.');
    return { fields: NONE, words: target ? targetWords(target) : null };
  }
  if (!target) return { fields: OPEN, words: null };
  if (target.metric === 'rpe') {
    ctx.notes.add('Effort (RPE) targets have no Garmin equivalent; those steps are open, with the effort in words.');
    return { fields: OPEN, words: targetWords(target) };
  }
  // Absolute values are Garmin's own units already (a pace as speed: a lower s/km is the faster end).
  if ('unit' in target) {
    if (target.metric === 'power') return { fields: rangeOf('POWER', target.low, target.high), words: null };
    if (target.metric === 'hr') return { fields: rangeOf('HEART_RATE', target.low, target.high), words: null };
    const per = target.unit === 's/km' ? 1000 : 100;
    return { fields: rangeOf('PACE', per / target.low, per / target.high, 3), words: null };
  }
  const range = fractions(target, ctx.sport);
  const zone = 'zone' in target ? target.zone : undefined;
  switch (target.metric) {
    case 'power':
      if (t.ftpW && range) return { fields: rangeOf('POWER', range[0] * t.ftpW, range[1] * t.ftpW), words: null };
      // Without an FTP Garmin takes % of the FTP set on the device, or the device's power zone.
      if ('low' in target) return { fields: rangeOf('POWER', target.low * 100, target.high * 100, 0, true), words: null };
      return { fields: { ...OPEN, targetType: 'POWER', targetValue: zone ?? null }, words: null };
    case 'hr':
      if (t.lthrBpm && range) return { fields: rangeOf('HEART_RATE', range[0] * t.lthrBpm, range[1] * t.lthrBpm), words: null };
      // A zone number targets the zones set up on the device, which may not match ours.
      if (zone !== undefined && zone <= 5) return { fields: { ...OPEN, targetType: 'HEART_RATE', targetValue: zone }, words: null };
      if ('low' in target) return { fields: rangeOf('HEART_RATE', target.low * 100, target.high * 100, 0, true), words: null };
      return { fields: OPEN, words: targetWords(target) };
    case 'pace':
      if (t.thresholdSpeedMps && range)
        return { fields: rangeOf('PACE', range[0] * t.thresholdSpeedMps, range[1] * t.thresholdSpeedMps, 3), words: null };
      ctx.notes.add(
        'Pace targets need your threshold pace (Settings → Thresholds); without it they are sent as open steps with the zone in words.',
      );
      return { fields: OPEN, words: targetWords(target) };
  }
}

const pct = (x: number) => `${Math.round(x * 100)}`;
function targetWords(t: Target): string {
  if (t.metric === 'rpe') return t.low === t.high ? `RPE ${t.low}` : `RPE ${t.low}–${t.high}`;
  const name = t.metric === 'hr' ? 'HR' : t.metric;
  if ('unit' in t) return `${name} ${t.low}–${t.high} ${t.unit}`;
  if (t.zone !== undefined) return `${name} zone ${t.zone}`;
  return `${name} ${pct(t.low)}–${pct(t.high)} %`;
}

/** What a step holds beyond Garmin's length and target, said in its words: a ramp's direction, cadence, exercises. */
function extraWords(step: Step, ctx: Ctx): string[] {
  const out: string[] = step.stroke ? [step.stroke] : [];
  if (step.ramp && step.target && 'low' in step.target) {
    ctx.notes.add('Ramps are sent as their range (Garmin’s steps hold one target); the step says where the ramp goes.');
    const from = 'unit' in step.target ? step.target.low : `${pct(step.target.low)} %`;
    const to = 'unit' in step.target ? step.target.high : `${pct(step.target.high)} %`;
    out.push(`ramp ${from} → ${to}`);
  }
  if (step.cadence) {
    ctx.notes.add('Cadence is said in the step’s words, not set as a Garmin target.');
    out.push(step.cadence.low === step.cadence.high ? `${step.cadence.low} rpm` : `${step.cadence.low}–${step.cadence.high} rpm`);
  }
  if (step.exercises?.length) {
    ctx.notes.add('Strength exercises are sent in the step’s words, not as Garmin exercises.');
    for (const e of step.exercises)
      out.push(`${e.name} ${e.sets}×${e.reps}${e.loadKg ? ` ${e.loadKg} kg` : ''}${e.restSec ? ` rest ${e.restSec} s` : ''}`);
  }
  return out;
}

function workoutStep(step: Step, ctx: Ctx): GarminWorkoutStep {
  const stepOrder = ctx.order++;
  if (step.sport && step.sport !== ctx.sport) ctx.notes.add('A leg of another sport is sent as a step of this workout’s sport.');
  const { fields, words } = targetOf(step.target, ctx);
  const description = [step.note?.trim(), words, ...extraWords(step, ctx)].filter(Boolean).join(' · ');
  const duration =
    step.durationSec !== null
      ? { durationType: 'TIME' as const, durationValue: Math.max(1, Math.round(step.durationSec)), durationValueType: null }
      : step.distanceM !== null
        ? { durationType: 'DISTANCE' as const, durationValue: Math.max(1, Math.round(step.distanceM)), durationValueType: 'METER' as const }
        : { durationType: 'OPEN' as const, durationValue: null, durationValueType: null };
  return {
    type: 'WorkoutStep',
    stepOrder,
    intensity: INTENSITY[step.kind],
    description: description ? cut(description, STEP_DESCRIPTION_MAX) : null,
    ...duration,
    ...fields,
  };
}

/** A repeat's steps for Garmin, which repeats one level: a repeat inside it is written out `count` times. */
function unrolled(nodes: WorkoutNode[], ctx: Ctx): GarminWorkoutStep[] {
  return nodes.flatMap((n) => {
    if (n.kind !== 'repeat') return [workoutStep(n, ctx)];
    ctx.notes.add('Repeats inside repeats are written out in full: Garmin’s workouts repeat one level.');
    return Array.from({ length: n.count }, () => unrolled(n.steps, ctx)).flat();
  });
}

/** Our step tree → Garmin's steps, numbered in the order a watch runs them. */
export function toGarminSteps(nodes: WorkoutNode[], ctx: Ctx): GarminStep[] {
  const out: GarminStep[] = [];
  for (const node of nodes) {
    if (node.kind !== 'repeat') {
      out.push(workoutStep(node, ctx));
      continue;
    }
    if (node.steps.length === 0 || node.count < 1) continue;
    if (node.count === 1) {
      out.push(...toGarminSteps(node.steps, ctx));
      continue;
    }
    const stepOrder = ctx.order++;
    out.push({
      type: 'WorkoutRepeatStep',
      stepOrder,
      repeatType: 'REPEAT_UNTIL_STEPS_CMPLT',
      repeatValue: node.count,
      skipLastRestStep: false,
      steps: unrolled(node.steps, ctx),
    });
  }
  return out;
}

/** The whole workout as Garmin's JSON, or null with the reason when Garmin's workouts cannot carry it. */
export function toGarminWorkout(w: MappableWorkout, t: AthleteThresholds): GarminMapping {
  if (w.sport === 'rest') return { workout: null, unrepresentable: ['A rest day has nothing to send to Garmin.'] };
  if (w.sport === 'brick')
    return {
      workout: null,
      unrepresentable: ['Brick sessions (two sports back to back) are not sent to Garmin yet; send each leg as its own workout.'],
    };
  const sport = SPORT[w.sport];
  if (!sport) return { workout: null, unrepresentable: [`Garmin workouts have no ${w.sport} sport.`] };
  const ctx: Ctx = { sport: w.sport, t, notes: new Set(), order: 1 };
  const steps = toGarminSteps(w.steps, ctx);
  if (steps.length === 0) return { workout: null, unrepresentable: ['This workout has no steps to send.'] };
  // A swim's pool is left unspecified: Garmin then shows the step distances as written, in any pool.
  const pool = { poolLength: null, poolLengthUnit: null };
  return {
    workout: {
      workoutName: cut(w.title.trim() || 'Workout', 80),
      description: w.description.trim() ? cut(w.description.trim(), WORKOUT_DESCRIPTION_MAX) : null,
      sport,
      ...pool,
      workoutProvider: PROVIDER,
      workoutSourceId: PROVIDER,
      isSessionTransitionEnabled: false,
      segments: [{ segmentOrder: 1, sport, ...pool, steps }],
    },
    unrepresentable: [...ctx.notes],
  };
}
