// The adaptive engine's vocabulary (issue 58): what a re-plan reads (the plan as it stands and the athlete's days),
// what sets it off (a trigger) and what it answers (proposals of steps, each with its reason). Pure data: the
// service fills it from the database, the simulation from synthetic athletes, and both run the same `replan`.
import type { Phase, WorkoutType } from '../plans.types';
import type { SessionOutcome } from './targets.calc';

/** A workout of the plan as the engine sees it (dates are the athlete's local days). */
export interface AdaptWorkout {
  id: string;
  date: string;
  /** Two sessions on one day: 'am' before 'pm'; null when it is the day's only session or unordered. */
  slot: 'am' | 'pm' | null;
  type: WorkoutType;
  status: 'planned' | 'completed' | 'skipped' | 'missed';
  durationSec: number;
  /** Planned load; for a completed workout the load it carried when known. */
  load: number;
}

/** The plan's frame: its weeks (each week's first day and phase), the days the athlete trains, the event. */
export interface AdaptPlan {
  startDate: string;
  endDate: string;
  eventDate: string | null;
  weeks: readonly { startDate: string; phase: Phase; plannedLoad: number }[];
  availableDays: readonly number[];
}

/** An illness or injury the athlete noted: from a day, to a day or still going (null). */
export interface HealthNote {
  id: string;
  kind: 'illness' | 'injury';
  from: string;
  to: string | null;
}

export interface AdaptState {
  /** The athlete's local today: days before it are past. */
  today: string;
  plan: AdaptPlan;
  workouts: readonly AdaptWorkout[];
  /** Activities that completed no workout, by local day and load. */
  unplanned: readonly { activityId: string; date: string; load: number }[];
  /** The last mornings' readiness, oldest first: true below the normal range, false within, null no verdict. */
  mornings: readonly (boolean | null)[];
  /** Judged sessions, newest first or any order. */
  outcomes: readonly SessionOutcome[];
  health: readonly HealthNote[];
  /** Tonight's CTL and ATL (after today's load), when known: the taper's race-day form check reads it. */
  fitness?: { ctl: number; atl: number };
}

/** What set a re-plan off; its `key` makes one trigger give one proposal however often it is read. */
export type Trigger =
  | { kind: 'missed'; workoutId: string }
  | { kind: 'completed'; workoutId: string }
  | { kind: 'unplanned'; activityId: string }
  | { kind: 'readiness'; day: string }
  | { kind: 'health'; noteId: string }
  | { kind: 'threshold'; metric: string; from: number; to: number; day: string }
  | { kind: 'race_moved'; from: string; to: string };

/** One step a proposal takes; each maps onto workout control's steps (one change in the log, one undo). */
export type AdaptStep =
  | { kind: 'move'; workoutId: string; date: string }
  | { kind: 'skip'; workoutId: string }
  | { kind: 'adjust'; workoutId: string; percent: number }
  | { kind: 'replace'; workoutId: string; type: WorkoutType }
  | { kind: 'retarget'; workoutId: string; percent: number }
  /** The weeks from today made again for a new event date (a moved race): never small, the taper moves with it. */
  | { kind: 'rebuild'; eventDate: string };

export interface Proposal {
  trigger: Trigger;
  /** Stable across reads: the trigger's identity (one proposal per trigger). */
  key: string;
  /** Empty for a note that changes nothing (a missed easy run not made up, a threshold check suggested). */
  steps: AdaptStep[];
  reason: string;
  /** Workout and activity ids, or days, the proposal rests on. */
  receipts: string[];
  /** Small enough to apply on its own when the athlete opted in: moves within the week, targets within ±5 %. */
  small: boolean;
}
