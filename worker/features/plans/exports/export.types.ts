// What the plan service hands the export serializers: saved workouts and the plan they belong to.
// The serializers are pure (no database, no clock): everything that varies comes in here or in opts.
import type { WorkoutNode } from '../../workouts';
import type { Slot, Sport, Step, StepNode, WorkoutDraft, WorkoutStatus } from '../plans.types.ts';

/** A saved workout as the exports read it. */
export interface ExportWorkout extends WorkoutDraft {
  id: string;
  status: WorkoutStatus;
  /** The day's morning or evening session (ADR 104); null or absent: any time. */
  slot?: Slot | null;
  /** Bumped on every change (the calendar feed's SEQUENCE). */
  revision: number;
  updatedAt: Date;
}

export interface ExportPlan {
  id: string;
  goalLabel: string;
  startDate: string;
  endDate: string;
  athleteName: string;
  /** The athlete's IANA zone; workout dates are already local calendar days in it. */
  timeZone: string;
}

export type ExportFormat = 'ics' | 'fit' | 'zwo' | 'pdf' | 'erg' | 'mrc';

/** Why a workout cannot be written in a format: its sport, or steps the format has no way to measure. */
export type ExportUnsupportedReason = 'sport' | 'distance_steps' | 'open_steps' | 'thresholds';

/** A workout the asked-for format cannot express. The route answers it with a 4xx, never a 500. */
export class ExportUnsupportedError extends Error {
  override readonly name = 'ExportUnsupportedError';
  constructor(
    readonly format: ExportFormat,
    readonly reason: ExportUnsupportedReason,
    readonly sport: Sport,
    message: string,
  ) {
    super(message);
  }
}

/** The steps a device should follow: a workout without steps is one step of its whole length at its overall intensity. */
export function workoutSteps<N extends WorkoutNode = StepNode>(
  w: Pick<ExportWorkout, 'durationSec' | 'distanceM' | 'intensity'> & { steps: N[] },
): (N | Step)[] {
  if (w.steps.length > 0) return w.steps;
  const byTime = w.durationSec > 0;
  return [{ kind: 'steady', durationSec: byTime ? w.durationSec : null, distanceM: byTime ? null : w.distanceM, target: w.intensity }];
}
