// The structured workout (ADR 055): a tree of steps with durations and targets, per sport. Plain data,
// a leaf of the import graph (no other feature), so the browser's editor, the plans and the exports all
// read the same vocabulary. Every step the plans stored before (plans.types' StepNode) is a value of it.

export const WORKOUT_SPORTS = ['run', 'bike', 'swim', 'strength', 'brick', 'rest'] as const;
export type WorkoutSport = (typeof WORKOUT_SPORTS)[number];

/** A multisport session's leg. */
export const LEG_SPORTS = ['run', 'bike', 'swim'] as const;
export type LegSport = (typeof LEG_SPORTS)[number];

export const STEP_KINDS = ['warmup', 'work', 'recovery', 'cooldown', 'rest', 'steady'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const STROKES = ['free', 'back', 'breast', 'fly', 'im', 'drill', 'choice'] as const;
export type Stroke = (typeof STROKES)[number];

export type ZoneNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** The zone label stored plans carry beside their fractions. */
export type ZoneLabel = 1 | 2 | 3 | 4 | 5;
export type RangeMetric = 'pace' | 'hr' | 'power';

/** Fractions of threshold (pace: of threshold speed; hr: of LTHR; power: of FTP), with the plans' zone label. */
export interface RelativeTarget {
  metric: RangeMetric;
  low: number;
  high: number;
  zone?: ZoneLabel;
}
/** A training zone of the athlete's (power Z1–Z7, pace and heart rate Z1–Z5). */
export interface ZoneTarget {
  metric: RangeMetric;
  zone: ZoneNumber;
}
/** Absolute values: watts, beats per minute, seconds per km or per 100 m (a lower number is faster). */
export type AbsoluteTarget =
  | { metric: 'power'; unit: 'W'; low: number; high: number }
  | { metric: 'hr'; unit: 'bpm'; low: number; high: number }
  | { metric: 'pace'; unit: 's/km' | 's/100m'; low: number; high: number };
/** Perceived effort on the 1–10 scale (stored plans add a zone label). */
export interface RpeTarget {
  metric: 'rpe';
  low: number;
  high: number;
  zone?: ZoneLabel;
}
export type WorkoutTarget = RelativeTarget | ZoneTarget | AbsoluteTarget | RpeTarget;

export interface CadenceRange {
  /** Revolutions (bike) or steps (run) per minute. */
  low: number;
  high: number;
}

export interface Exercise {
  name: string;
  sets: number;
  reps: number;
  loadKg?: number;
  /** Rest after each set. */
  restSec?: number;
}

/**
 * One step. Its length is a time (`durationSec`), a distance (`distanceM`), or neither: the lap button
 * (open, it ends when the athlete presses lap). A ramp goes from its target's `low` to its `high`
 * over the step (`low` may be above `high`: a ramp down).
 */
export interface WorkoutStep {
  kind: StepKind;
  durationSec: number | null;
  distanceM: number | null;
  target: WorkoutTarget | null;
  ramp?: true;
  cadence?: CadenceRange;
  note?: string;
  /** A leg's own sport, on the steps of a session that mixes them (a brick). */
  sport?: LegSport;
  stroke?: Stroke;
  /** A strength step's exercises, in order. */
  exercises?: Exercise[];
}
export interface WorkoutRepeat {
  kind: 'repeat';
  count: number;
  steps: WorkoutNode[];
}
export type WorkoutNode = WorkoutStep | WorkoutRepeat;

export interface Workout {
  sport: WorkoutSport;
  /** A pool swim's length in metres (distances stay in metres). */
  poolLengthM?: number;
  steps: WorkoutNode[];
}

export const isRepeat = (n: WorkoutNode): n is WorkoutRepeat => n.kind === 'repeat';
export const isLap = (s: WorkoutStep): boolean => s.durationSec === null && s.distanceM === null;

/** The flat shapes plans stored before this tree (plans.types' StepNode): each is a WorkoutNode as it is. */
export interface LegacyTarget {
  metric: 'pace' | 'hr' | 'power' | 'rpe';
  zone: ZoneLabel;
  low: number;
  high: number;
}
export interface LegacyStep {
  kind: Exclude<StepKind, 'rest'>;
  durationSec: number | null;
  distanceM: number | null;
  target: LegacyTarget | null;
  note?: string;
  sport?: LegSport;
}
export interface LegacyRepeat {
  kind: 'repeat';
  count: number;
  steps: LegacyStep[];
}
export type LegacyStepNode = LegacyStep | LegacyRepeat;
