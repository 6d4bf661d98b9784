// The training plan's domain vocabulary, shared by the generator, the plan service, matching and the
// exports. Plain data (no zod, no database): the API schemas in plans.schema.ts are written to match.
// Dates are the athlete's local calendar days ('YYYY-MM-DD'); weekdays count Monday = 0 … Sunday = 6.
import type { LegacyStepNode, WorkoutNode } from '../workouts';

export const GOAL_KINDS = [
  'run_5k',
  'run_10k',
  'run_half',
  'run_marathon',
  'tri_sprint',
  'tri_olympic',
  'tri_70_3',
  'tri_full',
  'bike_event',
  'general_fitness',
] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

export const SPORTS = ['run', 'bike', 'swim', 'strength', 'brick', 'rest'] as const;
export type Sport = (typeof SPORTS)[number];

/** The workout catalog: what a session is for. */
export const WORKOUT_TYPES = [
  'easy',
  'long',
  'tempo',
  'threshold',
  'intervals',
  'vo2max',
  'recovery',
  'race_pace',
  'brick',
  'technique',
  'strength',
  'rest',
] as const;
export type WorkoutType = (typeof WORKOUT_TYPES)[number];

/** Types that count as hard days (never two in a row). */
export const HARD_TYPES: readonly WorkoutType[] = ['tempo', 'threshold', 'intervals', 'vo2max', 'race_pace', 'brick'];

/** A week's phase; 'recovery' is a recovery (deload) week inside base or build. */
export const PHASES = ['base', 'build', 'peak', 'taper', 'recovery'] as const;
export type Phase = (typeof PHASES)[number];

/** A session's part of its day when a day holds two (ADR 104): morning or evening; null is any time. */
export const SLOTS = ['am', 'pm'] as const;
export type Slot = (typeof SLOTS)[number];
/** A day's sessions are listed morning, evening, then any time: the rank of a slot in that order. */
export const slotRank = (slot: string | null | undefined) => (slot === 'am' ? 0 : slot === 'pm' ? 1 : 2);
/** Date, then slot (AM, PM, any time): how every list of planned workouts is ordered. Stable for the rest. */
export const byDayAndSlot = <W extends { date: string; slot?: string | null }>(a: W, b: W) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : slotRank(a.slot) - slotRank(b.slot);
/** "AM · " / "PM · " before a slotted session's title (ICS, PDF, the feed), nothing otherwise. */
export const slotPrefix = (slot: string | null | undefined) => (slot === 'am' ? 'AM · ' : slot === 'pm' ? 'PM · ' : '');

export const PLAN_STATUSES = ['active', 'paused', 'completed', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const WORKOUT_STATUSES = ['planned', 'completed', 'skipped', 'missed'] as const;
export type WorkoutStatus = (typeof WORKOUT_STATUSES)[number];

/** What an intensity target is measured against; low/high are fractions of the athlete's threshold. */
export type TargetMetric = 'pace' | 'hr' | 'power' | 'rpe';
export interface Target {
  metric: TargetMetric;
  /** Training zone 1–5 (the plan's shorthand: Z2 easy, Z4 threshold…). */
  zone: 1 | 2 | 3 | 4 | 5;
  /** Fractions of threshold (pace: of threshold speed; hr: of LTHR; power: of FTP). RPE: 1–10 scale. */
  low: number;
  high: number;
}

export type StepKind = 'warmup' | 'work' | 'recovery' | 'cooldown' | 'steady';
export interface Step {
  kind: StepKind;
  /** One of duration or distance measures the step. */
  durationSec: number | null;
  distanceM: number | null;
  target: Target | null;
  note?: string;
  /** A leg's own sport, on the steps of a session that mixes them (a brick, a triathlon's race day). */
  sport?: 'run' | 'bike' | 'swim';
}
export interface RepeatBlock {
  kind: 'repeat';
  count: number;
  steps: Step[];
}
export type StepNode = Step | RepeatBlock;
// The flat steps plans store and read today are a subset of the structured workout (ADR 055): every StepNode
// is a WorkoutNode as it is, and workouts' toLegacySteps brings any tree down to exactly this shape, so a
// reader of StepNode can take a structured workout until it reads the tree itself (a compile-time check).
const _subset: [(n: StepNode) => WorkoutNode, (n: LegacyStepNode) => StepNode, (n: StepNode) => LegacyStepNode] = [
  (n) => n,
  (n) => n,
  (n) => n,
];
void _subset;

export interface Goal {
  kind: GoalKind;
  /** Null for general fitness (no event). */
  eventDate: string | null;
  eventName: string | null;
}

/** What generation used for "current fitness": the athlete's history, or their answers when it is thin. */
export interface FitnessInput {
  ctl: number;
  atl: number;
  /** Recent average weekly hours per sport (last 4–6 weeks). */
  weeklyHours: { run: number; bike: number; swim: number };
  /** Longest recent session in minutes per sport (caps the first long sessions). */
  longestMinutes: { run: number; bike: number; swim: number };
  source: 'history' | 'intake';
  /** Set when history was too short for a measured CTL: CTL/ATL are the steady state of these days' mean load. */
  estimatedFromDays?: number;
}

export interface GeneratorInput {
  goal: Goal;
  /** First day of the plan (a Monday is not required; weeks count from this day). */
  startDate: string;
  /** Weekdays the athlete can train (0 = Monday … 6 = Sunday). */
  availableDays: number[];
  /** Preferred day for the long session (one of availableDays). */
  longDay: number;
  /** Time the athlete can give at the plan's heaviest, in hours per week. */
  hoursPerWeek: number;
  fitness: FitnessInput;
  /** Age on the start date when known (45+: a recovery week every 3rd week). */
  age: number | null;
  includeStrength: boolean;
}

/** A planned workout before it is saved (the generator's output, and the shape of an added workout). */
export interface WorkoutDraft {
  date: string;
  sport: Sport;
  type: WorkoutType;
  title: string;
  description: string;
  durationSec: number;
  distanceM: number | null;
  /** Planned training load (TSS-like units, the same scale as analytics' load). */
  targetLoad: number;
  intensity: Target | null;
  steps: StepNode[];
  phase: Phase;
  /** 1-based week of the plan. */
  week: number;
  /** Why this workout is here: the phase, the target and the rule that shaped it. */
  why: string;
}

export interface WeekDraft {
  week: number;
  startDate: string;
  phase: Phase;
  plannedLoad: number;
  plannedHours: number;
  /** The rules applied to this week, in words (receipts for the plan). */
  why: string[];
}

export interface ProjectionDay {
  date: string;
  ctl: number;
  atl: number;
  tsb: number;
}

export interface GeneratedPlan {
  startDate: string;
  endDate: string;
  weeks: WeekDraft[];
  workouts: WorkoutDraft[];
  /** Forward PMC from the athlete's current CTL/ATL over the planned load, to the plan's end. */
  projection: ProjectionDay[];
  /** TSB on the event day (null without an event). */
  raceDayTsb: number | null;
  /** The periodization rules used, in words (shown with the preview). */
  rules: string[];
}
