// Our workout → Garmin Training API JSON, and what of it Garmin cannot hold (said before sending). The one seam
// between the step tree and Garmin is `toGarminSteps`: a richer tree (nested repeats, ramps, absolute targets) is
// one more case there. Targets become absolute with the athlete's thresholds, as a watch needs them.
import type {
  GarminIntensity,
  GarminSport,
  GarminStep,
  GarminWorkout,
  GarminWorkoutStep,
} from '../../providers/garmin/garmin-training.wire';
import { STEP_DESCRIPTION_MAX, WORKOUT_DESCRIPTION_MAX } from '../../providers/garmin/garmin-training.wire';
import type { Sport, Step, StepKind, StepNode, Target } from '../plans';

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
  steps: StepNode[];
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

/** A step's target as Garmin holds it; what it cannot hold goes to `notes` and the step keeps it in words. */
function targetOf(target: Target | null, ctx: Ctx): { fields: TargetFields; words: string | null } {
  const { t } = ctx;
  // Garmin takes no primary target on a swim step (only secondary pace or instruction targets).
  if (ctx.sport === 'swim') {
    if (target) ctx.notes.add('Swim targets are not sent as Garmin targets; each step says its target in words.');
    return { fields: NONE, words: target ? zoneWords(target) : null };
  }
  if (!target) return { fields: OPEN, words: null };
  switch (target.metric) {
    case 'power':
      // Without an FTP Garmin takes % of the FTP set on the device.
      return {
        fields: t.ftpW
          ? rangeOf('POWER', target.low * t.ftpW, target.high * t.ftpW)
          : rangeOf('POWER', target.low * 100, target.high * 100, 0, true),
        words: null,
      };
    case 'hr':
      if (t.lthrBpm) return { fields: rangeOf('HEART_RATE', target.low * t.lthrBpm, target.high * t.lthrBpm), words: null };
      // A zone number targets the zones set up on the device, which may not match ours.
      return { fields: { ...OPEN, targetType: 'HEART_RATE', targetValue: target.zone }, words: null };
    case 'pace':
      if (t.thresholdSpeedMps)
        return { fields: rangeOf('PACE', target.low * t.thresholdSpeedMps, target.high * t.thresholdSpeedMps, 3), words: null };
      ctx.notes.add(
        'Pace targets need your threshold pace (Settings → Thresholds); without it they are sent as open steps with the zone in words.',
      );
      return { fields: OPEN, words: zoneWords(target) };
    case 'rpe':
      ctx.notes.add('Effort (RPE) targets have no Garmin equivalent; those steps are open, with the effort in words.');
      return { fields: OPEN, words: `RPE ${target.low}–${target.high}` };
  }
}

const zoneWords = (t: Target) => (t.metric === 'rpe' ? `RPE ${t.low}–${t.high}` : `${t.metric === 'hr' ? 'HR' : t.metric} zone ${t.zone}`);

function workoutStep(step: Step, ctx: Ctx): GarminWorkoutStep {
  const stepOrder = ctx.order++;
  if (step.sport && step.sport !== ctx.sport) ctx.notes.add('A leg of another sport is sent as a step of this workout’s sport.');
  const { fields, words } = targetOf(step.target, ctx);
  const description = [step.note?.trim(), words].filter(Boolean).join(' · ');
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

/** The seam: our step tree → Garmin's steps, numbered in the order a watch runs them. */
export function toGarminSteps(nodes: StepNode[], ctx: Ctx): GarminStep[] {
  const out: GarminStep[] = [];
  for (const node of nodes) {
    if (node.kind !== 'repeat') {
      out.push(workoutStep(node, ctx));
      continue;
    }
    if (node.steps.length === 0 || node.count < 1) continue;
    if (node.count === 1) {
      for (const s of node.steps) out.push(workoutStep(s, ctx));
      continue;
    }
    const stepOrder = ctx.order++;
    out.push({
      type: 'WorkoutRepeatStep',
      stepOrder,
      repeatType: 'REPEAT_UNTIL_STEPS_CMPLT',
      repeatValue: node.count,
      skipLastRestStep: false,
      steps: node.steps.map((s) => workoutStep(s, ctx)),
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
