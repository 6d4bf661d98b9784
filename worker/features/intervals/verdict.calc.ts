// The one judgement of a completed workout (issue 55): by its steps when they were placed on the recording
// (ADR 062), else the calendar's ratio (ADR 033). The activity page, the drawer and the calendar's cards show this.
import type { ComplianceBand, WorkoutVerdict } from '../plans';
import type { StepCompliance } from './step-compliance.calc';

export type { WorkoutVerdict };

export function workoutVerdict(compliance: { status: string; band: ComplianceBand | null }, steps: StepCompliance | null): WorkoutVerdict {
  if (compliance.status === 'completed' && steps?.overall) return { band: steps.overall.band, by: 'steps' };
  return { band: compliance.band, by: 'ratio' };
}
