// The one judgement of a completed workout (issue 55): by its steps when they were placed on the recording
// (ADR 062), else the calendar's ratio (ADR 033). The activity page and the workout drawer both show this.
import type { ComplianceBand } from '../plans';
import type { StepCompliance } from './step-compliance.calc';

export interface WorkoutVerdict {
  band: ComplianceBand | null;
  by: 'steps' | 'ratio';
}

export function workoutVerdict(compliance: { status: string; band: ComplianceBand | null }, steps: StepCompliance | null): WorkoutVerdict {
  if (compliance.status === 'completed' && steps?.overall) return { band: steps.overall.band, by: 'steps' };
  return { band: compliance.band, by: 'ratio' };
}
